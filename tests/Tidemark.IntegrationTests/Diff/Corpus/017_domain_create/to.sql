CREATE DOMAIN positive_int AS integer NOT NULL DEFAULT 1 CONSTRAINT positive_int_check CHECK (VALUE > 0);
CREATE TABLE stock (id int PRIMARY KEY, qty positive_int);
