-- origin: https://github.com/documenso/documenso/blob/75330166cc00b29c14399bc2e391e4b4d8080c00/packages/prisma/migrations/20240222183231_banner_show/migration.sql
-- AlterTable
ALTER TABLE "Banner" ADD COLUMN     "show" BOOLEAN NOT NULL DEFAULT false;
