CREATE TYPE mood AS ENUM ('sad', 'meh', 'happy', 'ok');
CREATE TABLE ticket (id int PRIMARY KEY, m mood NOT NULL DEFAULT 'ok');
