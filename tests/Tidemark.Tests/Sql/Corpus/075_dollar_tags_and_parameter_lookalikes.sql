SELECT $_$x;$_$, $a1$y;$a1$, $1a$z;$1a$;
SELECT 2;
