SELECT $a$ one $A$ ; two $a$;
SELECT 2;
