CREATE DOMAIN pos AS int; CREATE TABLE s (id int PRIMARY KEY, q pos);
