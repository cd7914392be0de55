-- \i file.sql
/* \set x 1
\connect db */ SELECT 1;
