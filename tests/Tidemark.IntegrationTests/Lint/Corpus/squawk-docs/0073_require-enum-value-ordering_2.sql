-- origin: https://github.com/sbdchd/squawk/blob/5125ddf5ad42c85e6ed90173ff084e9866daeb85/docs/docs/require-enum-value-ordering.md (sql example 2)
-- existing type
CREATE TYPE status AS ENUM (
  'draft',
  'submitted',
  'approved',
  'rejected'
);

-- existing query to find all not yet approved
select * from papers where status < 'approved';

-- good
ALTER TYPE status ADD VALUE 'pending_review' BEFORE 'approved';
-- or
ALTER TYPE status ADD VALUE 'pending_review' AFTER 'submitted';
