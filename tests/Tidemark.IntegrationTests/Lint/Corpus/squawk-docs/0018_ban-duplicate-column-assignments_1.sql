-- origin: https://github.com/sbdchd/squawk/blob/5125ddf5ad42c85e6ed90173ff084e9866daeb85/docs/docs/ban-duplicate-column-assignments.md (sql example 1)
create table t(a int, a text);
create view v (a, a) as select 1, 2;
update t set a = 1, a = 2;
