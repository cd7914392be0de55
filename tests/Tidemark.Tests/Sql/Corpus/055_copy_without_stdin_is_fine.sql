COPY t TO STDOUT;
COPY t FROM '/tmp/x.csv' WITH (FORMAT csv);
COPY t FROM 'stdin';
COPY (SELECT 1 FROM stdin) TO '/tmp/y';
