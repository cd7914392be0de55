-- origin: https://github.com/LemmyNet/lemmy/blob/439734dd638a2c06a2f907beab7dcf4646e88f86/migrations/2019-10-24-002614_create_password_reset_request/up.sql
CREATE TABLE password_reset_request (
    id serial PRIMARY KEY,
    user_id int REFERENCES user_ ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    token_encrypted text NOT NULL,
    published timestamp NOT NULL DEFAULT now()
);

