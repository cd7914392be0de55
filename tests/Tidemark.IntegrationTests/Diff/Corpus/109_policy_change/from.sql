CREATE TABLE doc (id int PRIMARY KEY, owner text, public boolean);
ALTER TABLE doc ENABLE ROW LEVEL SECURITY;
CREATE POLICY doc_owner ON doc FOR ALL USING (owner = current_user);
