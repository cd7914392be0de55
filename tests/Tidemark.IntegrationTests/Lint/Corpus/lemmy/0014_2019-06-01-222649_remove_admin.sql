-- origin: https://github.com/LemmyNet/lemmy/blob/439734dd638a2c06a2f907beab7dcf4646e88f86/migrations/2019-06-01-222649_remove_admin/up.sql
DELETE FROM user_
WHERE name LIKE 'admin';

