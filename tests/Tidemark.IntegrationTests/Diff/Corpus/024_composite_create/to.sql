CREATE TYPE address AS (street text, city varchar(80), zip char(5));
CREATE TABLE shop (id int PRIMARY KEY, addr address);
