;;
 ; SELECT 1;;
;
