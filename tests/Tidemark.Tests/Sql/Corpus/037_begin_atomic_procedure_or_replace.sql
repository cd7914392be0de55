create or replace procedure p(v int)
language sql
begin atomic
  insert into t values (v);
  update t set n = n + 1;
end;
CALL p(1);
