-- origin: https://github.com/LemmyNet/lemmy/blob/439734dd638a2c06a2f907beab7dcf4646e88f86/migrations/2019-10-21-011237_add_default_sorts/up.sql
ALTER TABLE user_
    ADD COLUMN default_sort_type smallint DEFAULT 0 NOT NULL;

ALTER TABLE user_
    ADD COLUMN default_listing_type smallint DEFAULT 1 NOT NULL;

