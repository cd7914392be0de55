-- origin: https://github.com/sbdchd/squawk/blob/5125ddf5ad42c85e6ed90173ff084e9866daeb85/docs/docs/ban-char-field.md (sql example 2)
CREATE TABLE "app_user" (
    "id" serial NOT NULL PRIMARY KEY,
    "name" varchar(100) NOT NULL,
    "email" TEXT NOT NULL,
);
