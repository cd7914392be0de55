/*/ still comment ; */ SELECT 1;
/**/SELECT 2;
SELECT 3 /* a */ /* b /* c */ d */;
