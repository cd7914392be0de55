CREATE TABLE item (name text, id serial NOT NULL);
