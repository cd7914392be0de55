create table f (id int);
