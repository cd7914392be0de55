-- origin: https://github.com/documenso/documenso/blob/75330166cc00b29c14399bc2e391e4b4d8080c00/packages/prisma/migrations/20240222183156_display_banner/migration.sql
-- CreateTable
CREATE TABLE "Banner" (
    "id" SERIAL NOT NULL,
    "text" TEXT NOT NULL,
    "customHTML" TEXT NOT NULL,
    "userId" INTEGER,

    CONSTRAINT "Banner_pkey" PRIMARY KEY ("id")
);

-- AddForeignKey
ALTER TABLE "Banner" ADD CONSTRAINT "Banner_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
