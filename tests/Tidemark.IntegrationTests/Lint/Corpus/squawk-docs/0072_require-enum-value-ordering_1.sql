-- origin: https://github.com/sbdchd/squawk/blob/5125ddf5ad42c85e6ed90173ff084e9866daeb85/docs/docs/require-enum-value-ordering.md (sql example 1)
-- existing type
CREATE TYPE status AS ENUM (
  'draft',
  'submitted',
  'approved',
  'rejected'
);
-- existing query to find all not yet approved
select * from papers where status < 'approved';

-- bad
ALTER TYPE status ADD VALUE 'pending_review';

-- now our query isn't including any of the 'pending_review' items!
