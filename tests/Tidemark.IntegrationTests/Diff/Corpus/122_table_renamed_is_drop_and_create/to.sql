CREATE TABLE new_name (id int PRIMARY KEY);
