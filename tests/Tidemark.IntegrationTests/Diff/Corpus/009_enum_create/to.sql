CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE TABLE ticket (id int PRIMARY KEY, m mood NOT NULL DEFAULT 'ok');
