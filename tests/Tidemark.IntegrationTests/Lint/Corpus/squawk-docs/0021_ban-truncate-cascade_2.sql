-- origin: https://github.com/sbdchd/squawk/blob/5125ddf5ad42c85e6ed90173ff084e9866daeb85/docs/docs/ban-truncate-cascade.md (sql example 2)
create table a (
  a_id int primary key
);
create table b (
  b_id int primary key,
  a_id int,
  foreign key (a_id) references a(a_id)
);
create table c (
  c_id int primary key,
  b_id int,
  foreign key (b_id) references b(b_id)
);
insert into a (a_id) values (1), (2), (3);
insert into b (b_id, a_id) values (101, 1), (102, 2), (103, 3);
insert into c (c_id, b_id) values (1001, 101), (1002, 102), (1003, 103);
