SELECT 'a'
'b;c';
SELECT 'd'  
  'e';
