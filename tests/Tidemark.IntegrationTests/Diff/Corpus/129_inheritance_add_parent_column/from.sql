CREATE TABLE animal (id int); CREATE TABLE dog (good boolean) INHERITS (animal);
