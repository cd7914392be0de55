CREATE TABLE parent (a int, b int, PRIMARY KEY (a, b));
CREATE TABLE child (id int PRIMARY KEY, pa int, pb int);
