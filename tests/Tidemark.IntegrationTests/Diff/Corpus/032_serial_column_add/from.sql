CREATE TABLE item (name text);
