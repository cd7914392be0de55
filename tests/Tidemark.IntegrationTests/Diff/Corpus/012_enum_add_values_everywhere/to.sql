CREATE TYPE mood AS ENUM ('awful', 'sad', 'meh', 'ok', 'great', 'ecstatic');
CREATE TABLE ticket (id int PRIMARY KEY, m mood NOT NULL DEFAULT 'ok');
