CREATE TABLE "Order" ("Id" bigint PRIMARY KEY, "from" text NOT NULL DEFAULT 'x', "To" int);
CREATE TABLE "user" (id int PRIMARY KEY, "select" boolean);
COMMENT ON COLUMN "Order"."from" IS 'origin';
