SELECT 1;
  SELECT E'abc\';
