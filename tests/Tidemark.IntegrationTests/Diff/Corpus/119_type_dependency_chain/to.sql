CREATE TYPE level AS ENUM ('low', 'high');
CREATE DOMAIN level_not_null AS level NOT NULL;
CREATE TYPE reading AS (lvl level, at timestamptz);
CREATE TABLE sensor (id int PRIMARY KEY, lvl level_not_null, last reading, history reading[]);
