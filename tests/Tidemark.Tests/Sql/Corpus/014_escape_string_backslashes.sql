SELECT E'it\'s; \\ fine'; SELECT e'\\'; SELECT E'\n;';
