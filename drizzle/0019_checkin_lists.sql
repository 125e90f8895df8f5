CREATE TABLE `checkin_lists` (
	`id` text PRIMARY KEY NOT NULL,
	`event_id` text NOT NULL,
	`name` text NOT NULL,
	`ticket_type_ids` text NOT NULL,
	`days` text NOT NULL,
	`opens_at` text,
	`closes_at` text,
	`tolerance_minutes` integer NOT NULL,
	`mode` text NOT NULL,
	`reentry` integer NOT NULL,
	`capacity` integer,
	`auto_checkout_at` text,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `checkin_lists_event_idx` ON `checkin_lists` (`event_id`);--> statement-breakpoint
CREATE TABLE `list_inside` (
	`list_id` text NOT NULL,
	`attendee_id` text NOT NULL,
	`scan_id` text NOT NULL,
	`at` text NOT NULL,
	`until` text NOT NULL,
	PRIMARY KEY(`list_id`, `attendee_id`)
);
--> statement-breakpoint
CREATE INDEX `list_inside_until_idx` ON `list_inside` (`list_id`,`until`);--> statement-breakpoint
CREATE TABLE `list_inside_counts` (
	`list_id` text NOT NULL,
	`until` text NOT NULL,
	`inside` integer NOT NULL,
	PRIMARY KEY(`list_id`, `until`)
);
--> statement-breakpoint
CREATE TABLE `list_scans` (
	`id` text PRIMARY KEY NOT NULL,
	`list_id` text NOT NULL,
	`event_id` text NOT NULL,
	`attendee_id` text,
	`code` text NOT NULL,
	`direction` text NOT NULL,
	`outcome` text NOT NULL,
	`detail` text NOT NULL,
	`at` text NOT NULL,
	`desk_id` text NOT NULL,
	`staff_id` text NOT NULL,
	`override_of` text,
	`supervisor_id` text,
	`reason` text
);
--> statement-breakpoint
CREATE INDEX `list_scans_person_idx` ON `list_scans` (`list_id`,`attendee_id`,`at`);--> statement-breakpoint
CREATE INDEX `list_scans_override_idx` ON `list_scans` (`override_of`) WHERE "list_scans"."override_of" IS NOT NULL;