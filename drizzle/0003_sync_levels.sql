CREATE TABLE `pending_changes` (
	`tbl` text NOT NULL,
	`row_id` text NOT NULL,
	PRIMARY KEY(`tbl`, `row_id`)
);
--> statement-breakpoint
ALTER TABLE `changes` ADD `v` integer DEFAULT 1 NOT NULL;