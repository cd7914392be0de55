CREATE SCHEMA ext;
CREATE EXTENSION pg_trgm SCHEMA ext;
CREATE TABLE doc (id int PRIMARY KEY, body text);
CREATE INDEX doc_body_trgm ON doc USING gin (body ext.gin_trgm_ops);
