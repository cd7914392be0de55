SELECT E'a''b;c';
SELECT 2;
