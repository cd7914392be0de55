SELECT '-- not a comment', '/* nor this', 'x;';
SELECT 2;
