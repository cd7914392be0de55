CREATE DOMAIN code AS varchar(10) CONSTRAINT code_upper CHECK (VALUE = upper(VALUE));
