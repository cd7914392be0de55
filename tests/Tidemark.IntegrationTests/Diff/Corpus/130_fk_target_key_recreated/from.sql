CREATE TABLE parent (a int NOT NULL, b int NOT NULL, CONSTRAINT parent_key UNIQUE (a));
CREATE TABLE child (id int PRIMARY KEY, a int CONSTRAINT child_a_fk REFERENCES parent (a));
