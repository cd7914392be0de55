CREATE TABLE doc (id int PRIMARY KEY, owner text, public boolean);
ALTER TABLE doc ENABLE ROW LEVEL SECURITY;

CREATE POLICY doc_owner ON doc FOR SELECT TO PUBLIC USING (owner = current_user);
CREATE POLICY doc_insert ON doc AS RESTRICTIVE FOR INSERT TO postgres WITH CHECK (public);
