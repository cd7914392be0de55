-- origin: https://github.com/sbdchd/squawk/blob/5125ddf5ad42c85e6ed90173ff084e9866daeb85/docs/docs/require-table-schema.md (sql example 2)
-- good
create table public.posts(id bigint);

alter table public.posts add column name text;

drop table public.posts;

create table public.posts as select 1;
