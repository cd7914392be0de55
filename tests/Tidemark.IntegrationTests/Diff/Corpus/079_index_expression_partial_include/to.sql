CREATE TABLE t (id int PRIMARY KEY, email text, active boolean, n int);
CREATE UNIQUE INDEX t_lower_email ON t (lower(email)) INCLUDE (n) WHERE active;
CREATE INDEX t_expr2 ON t ((n * 2), (email || 'x'));
