CREATE TABLE p (id int, v int, CONSTRAINT p_v_pos CHECK (v > 0) NO INHERIT);
