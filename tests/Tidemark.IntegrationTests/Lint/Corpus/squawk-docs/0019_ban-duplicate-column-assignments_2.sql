-- origin: https://github.com/sbdchd/squawk/blob/5125ddf5ad42c85e6ed90173ff084e9866daeb85/docs/docs/ban-duplicate-column-assignments.md (sql example 2)
create table t(a int);
create view v (a, b) as select 1, 2;
update t set a = 2;
