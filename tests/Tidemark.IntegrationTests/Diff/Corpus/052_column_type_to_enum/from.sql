CREATE TYPE color AS ENUM ('red', 'blue'); CREATE TABLE t (id int PRIMARY KEY, c text DEFAULT 'red');
