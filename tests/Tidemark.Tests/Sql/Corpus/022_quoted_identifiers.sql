CREATE TABLE "we;ird""name" ("a""b" int, "--x" int, "/*y" int);
SELECT 2;
