drop table embedded_a;
