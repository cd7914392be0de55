CREATE TABLE parent (id int PRIMARY KEY);
CREATE TABLE t (id int CONSTRAINT t_pkey PRIMARY KEY, a int CONSTRAINT t_a_key UNIQUE, p int CONSTRAINT t_p_fk REFERENCES parent,
  q int CONSTRAINT t_q_check CHECK (q <> 0), r int4range, CONSTRAINT t_r_excl EXCLUDE USING gist (r WITH &&));
