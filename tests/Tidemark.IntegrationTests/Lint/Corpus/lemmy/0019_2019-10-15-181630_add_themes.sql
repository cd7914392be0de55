-- origin: https://github.com/LemmyNet/lemmy/blob/439734dd638a2c06a2f907beab7dcf4646e88f86/migrations/2019-10-15-181630_add_themes/up.sql
ALTER TABLE user_
    ADD COLUMN theme varchar(20) DEFAULT 'darkly' NOT NULL;

