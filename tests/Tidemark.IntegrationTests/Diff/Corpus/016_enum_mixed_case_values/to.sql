CREATE SCHEMA "Kinds";
CREATE TYPE "Kinds"."Level" AS ENUM ('Low', 'it''s high', 'select');
