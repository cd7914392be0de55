alter table f drop c;
