ALTER TYPE "public"."role" ADD VALUE 'guest';
ALTER TYPE role ADD VALUE IF NOT EXISTS 'x' BEFORE 'guest';
