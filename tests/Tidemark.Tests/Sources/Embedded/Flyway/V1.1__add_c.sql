alter table f add c int;
