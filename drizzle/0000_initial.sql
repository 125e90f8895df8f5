CREATE TABLE `attendee_presence` (
	`attendee_id` text PRIMARY KEY NOT NULL,
	`event_id` text NOT NULL,
	`checkin_id` text NOT NULL,
	`at` text NOT NULL,
	`desk_id` text NOT NULL,
	`staff_id` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `attendees` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`id` text NOT NULL,
	`event_id` text NOT NULL,
	`code` text NOT NULL,
	`first_name` text NOT NULL,
	`last_name` text NOT NULL,
	`email` text,
	`company` text,
	`job_title` text,
	`phone` text,
	`ticket_type_id` text NOT NULL,
	`status` text NOT NULL,
	`payment_method` text,
	`amount_cents` integer,
	`preferred_language` text,
	`notes` text,
	`external_ref` text,
	`source` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `attendees_id_idx` ON `attendees` (`id`);--> statement-breakpoint
CREATE INDEX `attendees_code_idx` ON `attendees` (`code`,`event_id`);--> statement-breakpoint
CREATE INDEX `attendees_event_email_idx` ON `attendees` (`event_id`,`email`);--> statement-breakpoint
CREATE INDEX `attendees_event_name_idx` ON `attendees` (`event_id`,`last_name`,`first_name`);--> statement-breakpoint
CREATE TABLE `changes` (
	`hlc` text PRIMARY KEY NOT NULL,
	`desk_id` text NOT NULL,
	`staff_id` text,
	`action` text NOT NULL,
	`tbl` text NOT NULL,
	`row_id` text NOT NULL,
	`op` text NOT NULL,
	`data` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `changes_row_idx` ON `changes` (`tbl`,`row_id`,`hlc`);--> statement-breakpoint
CREATE TABLE `checkins` (
	`id` text PRIMARY KEY NOT NULL,
	`event_id` text NOT NULL,
	`attendee_id` text NOT NULL,
	`kind` text NOT NULL,
	`ref_id` text,
	`at` text NOT NULL,
	`desk_id` text NOT NULL,
	`staff_id` text NOT NULL,
	`method` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `checkins_attendee_idx` ON `checkins` (`attendee_id`,`at`);--> statement-breakpoint
CREATE INDEX `checkins_ref_idx` ON `checkins` (`ref_id`) WHERE "checkins"."ref_id" IS NOT NULL;--> statement-breakpoint
CREATE TABLE `desks` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `events` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`type` text NOT NULL,
	`start_date` text NOT NULL,
	`end_date` text NOT NULL,
	`timezone` text NOT NULL,
	`venue` text,
	`capacity` integer,
	`status` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `meta` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sessions` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`staff_id` text NOT NULL,
	`created_at` text NOT NULL,
	`expires_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `staff` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`pin_hash` text NOT NULL,
	`active` integer NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `ticket_type_counts` (
	`ticket_type_id` text PRIMARY KEY NOT NULL,
	`expected` integer DEFAULT 0 NOT NULL,
	`checked_in` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `ticket_types` (
	`id` text PRIMARY KEY NOT NULL,
	`event_id` text NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`price_cents` integer NOT NULL,
	`currency` text NOT NULL,
	`capacity` integer,
	`color` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `ticket_types_event_idx` ON `ticket_types` (`event_id`);