CREATE TYPE mood AS ENUM ('a', 'b', 'c');
CREATE TABLE parent (id int, m mood);
CREATE TABLE child (extra int) INHERITS (parent);
INSERT INTO child VALUES (1, 'a', 1);
