SELECT 1
--> statement-breakpoint
SELECT 2;
SELECT '--> statement-breakpoint';
