-- origin: https://github.com/documenso/documenso/blob/75330166cc00b29c14399bc2e391e4b4d8080c00/packages/prisma/migrations/20230901083000_add_user_signature_column/migration.sql
-- AlterTable
ALTER TABLE "User" ADD COLUMN     "signature" TEXT;
