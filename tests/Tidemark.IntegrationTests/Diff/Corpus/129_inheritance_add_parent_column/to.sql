CREATE TABLE animal (id int, name text); CREATE TABLE dog (good boolean) INHERITS (animal);
