-- origin: https://github.com/documenso/documenso/blob/75330166cc00b29c14399bc2e391e4b4d8080c00/packages/prisma/migrations/20230830053354_add_service_user/migration.sql
INSERT INTO "User" ("email", "name") VALUES (
  'serviceaccount@documenso.com',
  'Service Account'
) ON CONFLICT DO NOTHING;
