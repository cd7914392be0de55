SELECT 1+-- comment ;
2;
SELECT 4/*c;*/-2;
SELECT 'a' || 'b';
SELECT 10 - -2;
SELECT 3 */* c */ 4;
