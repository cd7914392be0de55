CREATE TABLE t (a int, b int);
COPY public.t (a, b) FROM stdin;
1	2
\.
