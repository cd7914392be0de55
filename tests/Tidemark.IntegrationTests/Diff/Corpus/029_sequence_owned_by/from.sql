CREATE SEQUENCE order_no; CREATE TABLE orders (id int PRIMARY KEY, no bigint);
