CREATE FUNCTION norm(t text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT lower(trim(t)) $$;
CREATE TABLE u (id int PRIMARY KEY, email text CONSTRAINT email_norm CHECK (norm(email) <> ''));
CREATE UNIQUE INDEX u_email_norm ON u (norm(email));
