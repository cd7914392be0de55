-- origin: https://github.com/documenso/documenso/blob/75330166cc00b29c14399bc2e391e4b4d8080c00/packages/prisma/migrations/20230617040606_add_name_field/migration.sql
-- AlterEnum
ALTER TYPE "FieldType" ADD VALUE 'NAME';
