CREATE TYPE st AS ENUM ('a', 'b', 'c');
CREATE TABLE t (id int PRIMARY KEY, s st NOT NULL DEFAULT 'c' CONSTRAINT s_not_b CHECK (s <> 'b'));
