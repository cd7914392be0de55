SELECT '{1,2}'::int[], (ARRAY[1,2])[1:1], x::"Type;Name";
SELECT 2;
