CREATE SCHEMA "Select";
CREATE TABLE "Order" ("Id" int PRIMARY KEY, "from" text, "Group" int);
CREATE TABLE "user" (id int PRIMARY KEY, "order" int REFERENCES "Order" ("Id"));
CREATE TABLE "Select"."select" ("where" int CONSTRAINT "Check It" CHECK ("where" > 0));
CREATE INDEX "Order By" ON "Order" ("from", "Group");
CREATE VIEW "Select"."View" AS SELECT "where" AS "Where" FROM "Select"."select";
CREATE TYPE "Select"."Enum" AS ENUM ('A');
CREATE FUNCTION "Select"."Fn"("In" int) RETURNS int LANGUAGE sql AS $$ SELECT "In" $$;
