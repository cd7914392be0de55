CREATE TABLE t (id int PRIMARY KEY, a text, b int NOT NULL DEFAULT 0, c timestamptz DEFAULT now());
