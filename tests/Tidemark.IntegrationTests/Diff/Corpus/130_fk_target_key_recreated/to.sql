CREATE TABLE parent (a int NOT NULL, b int NOT NULL, CONSTRAINT parent_key UNIQUE (a) WITH (fillfactor = 80));
CREATE TABLE child (id int PRIMARY KEY, a int CONSTRAINT child_a_fk REFERENCES parent (a));
