-- origin: https://github.com/documenso/documenso/blob/75330166cc00b29c14399bc2e391e4b4d8080c00/packages/prisma/migrations/20230421134018_doc_214_add_signed_at_field/migration.sql
-- AlterTable
ALTER TABLE "Recipient" ADD COLUMN     "signedAt" TIMESTAMP(3);
