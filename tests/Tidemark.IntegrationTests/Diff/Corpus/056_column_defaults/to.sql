CREATE TABLE t (id int PRIMARY KEY, a int DEFAULT 2, b text DEFAULT 'it''s', c text);
