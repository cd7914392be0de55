CREATE TABLE city (id int NOT NULL, region text NOT NULL) PARTITION BY LIST (region);
CREATE TABLE city_east PARTITION OF city FOR VALUES IN ('east');
CREATE TABLE city_west PARTITION OF city FOR VALUES IN ('west', 'north');
CREATE TABLE city_other PARTITION OF city DEFAULT;
