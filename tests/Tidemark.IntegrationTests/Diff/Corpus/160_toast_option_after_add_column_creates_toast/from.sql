-- only fixed-width columns: no TOAST table, so no toast.* parameter can be stored yet
CREATE TABLE t (id int PRIMARY KEY, n bigint);
