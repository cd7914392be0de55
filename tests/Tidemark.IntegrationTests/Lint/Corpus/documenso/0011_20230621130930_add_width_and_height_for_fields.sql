-- origin: https://github.com/documenso/documenso/blob/75330166cc00b29c14399bc2e391e4b4d8080c00/packages/prisma/migrations/20230621130930_add_width_and_height_for_fields/migration.sql
-- AlterTable
ALTER TABLE "Field" ADD COLUMN     "height" INTEGER NOT NULL DEFAULT -1,
ADD COLUMN     "width" INTEGER NOT NULL DEFAULT -1;
