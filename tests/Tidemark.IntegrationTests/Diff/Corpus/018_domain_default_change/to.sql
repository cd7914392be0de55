CREATE DOMAIN code AS varchar(10) DEFAULT 'y';
