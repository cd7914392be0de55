-- origin: https://github.com/documenso/documenso/blob/75330166cc00b29c14399bc2e391e4b4d8080c00/packages/prisma/migrations/20231103044612_add_completed_date/migration.sql
-- AlterTable
ALTER TABLE "Document" ADD COLUMN     "completedAt" TIMESTAMP(3);

UPDATE "Document" SET "completedAt" = "updatedAt" WHERE "status" = 'COMPLETED';
