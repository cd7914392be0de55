CREATE TABLE person (id int PRIMARY KEY, name text, age int);

CREATE VIEW v AS SELECT id, name FROM person;
COMMENT ON COLUMN v.name IS 'display name';
COMMENT ON COLUMN person.age IS 'years';
