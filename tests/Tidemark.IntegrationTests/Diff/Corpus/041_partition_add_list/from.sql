CREATE TABLE city (id int NOT NULL, region text NOT NULL) PARTITION BY LIST (region);
CREATE TABLE city_east PARTITION OF city FOR VALUES IN ('east');
