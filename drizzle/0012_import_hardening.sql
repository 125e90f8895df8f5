CREATE TABLE `import_journal` (
	`import_id` text NOT NULL,
	`chunk` integer NOT NULL,
	`first_seq` integer,
	`last_seq` integer,
	`undo` text NOT NULL,
	PRIMARY KEY(`import_id`, `chunk`)
);
--> statement-breakpoint
ALTER TABLE `attendees` ADD `invalid_email` text;--> statement-breakpoint
ALTER TABLE `attendees` ADD `attention` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `attendees` ADD `door_note` text;--> statement-breakpoint
CREATE INDEX `attendees_external_ref_idx` ON `attendees` (`external_ref`,`event_id`);