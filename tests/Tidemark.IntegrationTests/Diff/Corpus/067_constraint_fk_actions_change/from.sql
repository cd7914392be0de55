CREATE TABLE parent (id int PRIMARY KEY);
CREATE TABLE child (id int PRIMARY KEY, parent_id int CONSTRAINT child_fk REFERENCES parent ON DELETE CASCADE);
