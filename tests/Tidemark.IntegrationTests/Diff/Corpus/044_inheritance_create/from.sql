CREATE TABLE animal (id int, name text);
