-- origin: https://github.com/sbdchd/squawk/blob/5125ddf5ad42c85e6ed90173ff084e9866daeb85/docs/docs/adding-serial-primary-key-field.md (sql example 2)
-- allows reads and writes while index is built
CREATE UNIQUE INDEX CONCURRENTLY account_pk_idx ON account (id);
-- blocks reads and writes while table schema is updated (fast)
ALTER TABLE account ADD CONSTRAINT account_pk PRIMARY KEY USING INDEX account_pk_idx;
