CREATE TABLE a (id int);
CREATE TABLE b (id int);--> statement-breakpoint
CREATE TABLE c (id int);
