

   ;
	;
   SELECT 1

;

