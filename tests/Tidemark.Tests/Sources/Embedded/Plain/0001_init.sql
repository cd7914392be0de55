create table embedded_a (id int);
