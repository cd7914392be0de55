-- origin: https://github.com/documenso/documenso/blob/75330166cc00b29c14399bc2e391e4b4d8080c00/packages/prisma/migrations/20230907074451_insert_old_data_into_document_data_table/migration.sql
INSERT INTO
  "DocumentData" ("id", "type", "data", "initialData", "documentId") (
    SELECT
      CAST(gen_random_uuid() AS TEXT),
      'BYTES_64',
      d."document",
      d."document",
      d."id"
    FROM
      "Document" d
    WHERE
      d."id" IS NOT NULL
      AND d."document" IS NOT NULL
  );
