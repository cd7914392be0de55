-- header
/* note */
  CREATE TABLE t (id int);
