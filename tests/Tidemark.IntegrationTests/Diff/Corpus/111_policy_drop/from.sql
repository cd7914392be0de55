CREATE TABLE doc (id int PRIMARY KEY, owner text, public boolean);
ALTER TABLE doc ENABLE ROW LEVEL SECURITY;
CREATE POLICY p ON doc USING (true);
