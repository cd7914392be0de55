SELECT 1 -- ; not a split
, 2;
