-- origin: https://github.com/documenso/documenso/blob/75330166cc00b29c14399bc2e391e4b4d8080c00/packages/prisma/migrations/20231207134820_add_document_meta_dateformat_timezone/migration.sql
-- AlterTable
ALTER TABLE "DocumentMeta" ADD COLUMN     "dateFormat" TEXT DEFAULT 'yyyy-MM-dd hh:mm a',
ADD COLUMN     "timezone" TEXT DEFAULT 'Etc/UTC';
