CREATE TABLE `attendee_exports` (
	`id` text PRIMARY KEY NOT NULL,
	`event_id` text NOT NULL,
	`staff_id` text NOT NULL,
	`desk_id` text NOT NULL,
	`at` text NOT NULL,
	`format` text NOT NULL,
	`rows` integer NOT NULL,
	`filter` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sign_in_throttle` (
	`key` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`failures` integer NOT NULL,
	`window_start` integer NOT NULL,
	`locked_until` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `sign_in_throttle_kind_idx` ON `sign_in_throttle` (`kind`,`updated_at`);--> statement-breakpoint
ALTER TABLE `sessions` ADD `staff_epoch` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `staff` ADD `session_epoch` integer DEFAULT 0 NOT NULL;