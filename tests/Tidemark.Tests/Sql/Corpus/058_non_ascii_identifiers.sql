CREATE TABLE café (naïve text, "ü;" int);
SELECT 'ünïcødé;' AS 名前;
