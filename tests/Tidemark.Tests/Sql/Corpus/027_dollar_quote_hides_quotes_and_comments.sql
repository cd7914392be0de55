SELECT $x$ it's " /* -- $y$ ; $x$;
SELECT 2;
