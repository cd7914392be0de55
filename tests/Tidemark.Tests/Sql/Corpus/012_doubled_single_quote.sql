INSERT INTO t VALUES ('it''s; fine', '''');
SELECT '';
