CREATE SCHEMA s;
CREATE SEQUENCE s.ids START 100;
CREATE TABLE s.thing (id bigint PRIMARY KEY DEFAULT nextval('s.ids'), name text);
