CREATE SCHEMA "Billing";
CREATE TABLE "Billing"."Order" (id int PRIMARY KEY, "Total" numeric(10,2));
