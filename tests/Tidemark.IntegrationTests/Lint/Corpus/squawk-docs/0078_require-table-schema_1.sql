-- origin: https://github.com/sbdchd/squawk/blob/5125ddf5ad42c85e6ed90173ff084e9866daeb85/docs/docs/require-table-schema.md (sql example 1)
-- bad
create table posts(id bigint);

alter table posts add column name text;

drop table posts;

create table posts as select 1;
