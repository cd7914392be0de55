CREATE TABLE doc (id int PRIMARY KEY, owner text, public boolean);
ALTER TABLE doc ENABLE ROW LEVEL SECURITY;
CREATE POLICY doc_owner ON doc FOR ALL TO postgres USING (owner = current_user OR public) WITH CHECK (owner = current_user);
