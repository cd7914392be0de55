create or replace view fv as select 1;
