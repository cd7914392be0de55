-- origin: https://github.com/sbdchd/squawk/blob/5125ddf5ad42c85e6ed90173ff084e9866daeb85/docs/docs/renaming-table.md (sql example 1)
CREATE VIEW user_favorites as SELECT * FROM user_stars;
