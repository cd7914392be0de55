copy t from STDIN with (format csv);
1,2
\.
