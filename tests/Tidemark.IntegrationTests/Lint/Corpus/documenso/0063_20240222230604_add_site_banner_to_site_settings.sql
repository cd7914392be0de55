-- origin: https://github.com/documenso/documenso/blob/75330166cc00b29c14399bc2e391e4b4d8080c00/packages/prisma/migrations/20240222230604_add_site_banner_to_site_settings/migration.sql
INSERT INTO "SiteSettings" ("id", "enabled", "data")
VALUES (
    'site.banner',
    FALSE,
    jsonb_build_object(
      'content',
      'This is a test banner',
      'bgColor',
      '#000000',
      'textColor',
      '#ffffff'
    )
  );
