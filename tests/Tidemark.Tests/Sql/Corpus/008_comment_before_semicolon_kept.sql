SELECT 1 -- trailing note
;
SELECT 2 /* kept */   ;
