CREATE TABLE "Order" ("Id" int PRIMARY KEY, "from" text);
CREATE TABLE "user" (id int PRIMARY KEY);
