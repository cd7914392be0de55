-- origin: https://github.com/LemmyNet/lemmy/blob/439734dd638a2c06a2f907beab7dcf4646e88f86/migrations/2020-04-03-194936_add_activitypub_for_posts_and_comments/up.sql
-- Add federation columns to post, comment
ALTER TABLE post
-- TODO uniqueness constraints should be added on these 3 columns later
    ADD COLUMN ap_id character varying(255) NOT NULL DEFAULT 'http://fake.com', -- This needs to be checked and updated in code, building from the site url if local
    ADD COLUMN local boolean NOT NULL DEFAULT TRUE;

ALTER TABLE comment
-- TODO uniqueness constraints should be added on these 3 columns later
    ADD COLUMN ap_id character varying(255) NOT NULL DEFAULT 'http://fake.com', -- This needs to be checked and updated in code, building from the site url if local
    ADD COLUMN local boolean NOT NULL DEFAULT TRUE;

