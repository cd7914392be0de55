CREATE TABLE orders (id int PRIMARY KEY, no bigint);
CREATE SEQUENCE order_no OWNED BY orders.no;
