CREATE TYPE mood AS ENUM ('happy', 'ok', 'sad');
CREATE TABLE ticket (id int PRIMARY KEY, m mood NOT NULL DEFAULT 'ok');
