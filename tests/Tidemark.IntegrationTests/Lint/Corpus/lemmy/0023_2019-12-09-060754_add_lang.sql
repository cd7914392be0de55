-- origin: https://github.com/LemmyNet/lemmy/blob/439734dd638a2c06a2f907beab7dcf4646e88f86/migrations/2019-12-09-060754_add_lang/up.sql
ALTER TABLE user_
    ADD COLUMN lang varchar(20) DEFAULT 'browser' NOT NULL;

