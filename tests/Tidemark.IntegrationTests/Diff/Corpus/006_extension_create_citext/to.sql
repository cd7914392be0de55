CREATE EXTENSION citext;
CREATE TABLE account (id int PRIMARY KEY, login citext NOT NULL);
