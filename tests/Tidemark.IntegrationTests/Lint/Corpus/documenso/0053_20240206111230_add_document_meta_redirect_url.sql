-- origin: https://github.com/documenso/documenso/blob/75330166cc00b29c14399bc2e391e4b4d8080c00/packages/prisma/migrations/20240206111230_add_document_meta_redirect_url/migration.sql
-- AlterTable
ALTER TABLE "DocumentMeta" ADD COLUMN     "redirectUrl" TEXT;
