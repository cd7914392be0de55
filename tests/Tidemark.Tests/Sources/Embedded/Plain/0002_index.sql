-- tidemark:no-transaction
create index concurrently embedded_a_id on embedded_a (id);
