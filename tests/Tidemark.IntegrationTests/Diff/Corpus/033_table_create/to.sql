CREATE TABLE product (
  id integer NOT NULL,
  sku varchar(32) NOT NULL,
  price numeric(10,2) DEFAULT 0,
  tags text[],
  payload jsonb,
  created timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT product_pkey PRIMARY KEY (id)
);
