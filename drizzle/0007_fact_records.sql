DROP INDEX `changes_row_idx`;--> statement-breakpoint
ALTER TABLE `changes` ADD `fact` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `changes_row_idx` ON `changes` (`tbl`,`row_id`,`hlc`) WHERE "changes"."fact" = 0;