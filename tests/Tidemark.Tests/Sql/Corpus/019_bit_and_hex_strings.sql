SELECT B'1010', b'01', X'1F;', x'ab';
SELECT 2;
