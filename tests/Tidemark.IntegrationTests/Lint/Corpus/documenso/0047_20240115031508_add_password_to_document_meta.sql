-- origin: https://github.com/documenso/documenso/blob/75330166cc00b29c14399bc2e391e4b4d8080c00/packages/prisma/migrations/20240115031508_add_password_to_document_meta/migration.sql
-- AlterTable
ALTER TABLE "DocumentMeta" ADD COLUMN     "password" TEXT;
