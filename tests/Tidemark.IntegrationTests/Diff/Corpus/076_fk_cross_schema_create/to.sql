CREATE SCHEMA a; CREATE SCHEMA b;
CREATE TABLE b.child (id int PRIMARY KEY, parent_id int);
CREATE TABLE a.parent (id int PRIMARY KEY);
ALTER TABLE b.child ADD CONSTRAINT child_parent_fk FOREIGN KEY (parent_id) REFERENCES a.parent (id);
