CREATE TABLE `conflict_acks` (
	`id` text PRIMARY KEY NOT NULL,
	`members` text NOT NULL,
	`acknowledged_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `conflicts` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`event_id` text,
	`members` text NOT NULL,
	`detail` text NOT NULL
);
--> statement-breakpoint
ALTER TABLE `attendees` ADD `merged_into` text;