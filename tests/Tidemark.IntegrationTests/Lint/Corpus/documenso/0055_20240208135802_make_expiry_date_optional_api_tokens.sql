-- origin: https://github.com/documenso/documenso/blob/75330166cc00b29c14399bc2e391e4b4d8080c00/packages/prisma/migrations/20240208135802_make_expiry_date_optional_api_tokens/migration.sql
-- AlterTable
ALTER TABLE "ApiToken" ALTER COLUMN "expires" DROP NOT NULL;
