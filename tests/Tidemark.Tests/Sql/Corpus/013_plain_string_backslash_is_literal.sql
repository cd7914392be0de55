SELECT 'C:\path\'; SELECT 'a\\'; SELECT 3;
