CREATE INDEX i1 ON t (a);
CREATE UNIQUE INDEX "i2" ON t USING btree (b) WHERE concurrently;
