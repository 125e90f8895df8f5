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
