-- just a comment
/* a block
   comment */
-- ; still nothing
