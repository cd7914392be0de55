-- Custom SQL migration file, put your code below! --
INSERT INTO "users" ("email", "role", "display_name") VALUES ('ada@example.com', 'admin', 'Ada'), ('grace@example.com', 'member', 'Grace');
