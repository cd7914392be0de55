CREATE TABLE product (id int PRIMARY KEY);
