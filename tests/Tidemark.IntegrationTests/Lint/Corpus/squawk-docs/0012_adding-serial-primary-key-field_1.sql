-- origin: https://github.com/sbdchd/squawk/blob/5125ddf5ad42c85e6ed90173ff084e9866daeb85/docs/docs/adding-serial-primary-key-field.md (sql example 1)
-- blocks reads and writes to "account" table while constraint is added.
ALTER TABLE account ADD PRIMARY KEY (id);
