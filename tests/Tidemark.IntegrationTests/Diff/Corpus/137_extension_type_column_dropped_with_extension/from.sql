CREATE EXTENSION citext; CREATE TABLE a (id int, login citext);
