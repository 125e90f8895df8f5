CREATE TABLE `desk_removals` (
	`id` text PRIMARY KEY NOT NULL,
	`desk_id` text NOT NULL,
	`fingerprint` text NOT NULL,
	`removed_at` text NOT NULL,
	`removed_by_staff` text,
	`key_epoch` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `fleet_desks` (
	`id` text PRIMARY KEY NOT NULL,
	`fingerprint` text NOT NULL,
	`certificate` text NOT NULL,
	`admitted_at` text NOT NULL,
	`admitted_by` text NOT NULL,
	`via` text NOT NULL,
	`addresses` text DEFAULT '[]' NOT NULL,
	`port` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `known_peers` (
	`address` text PRIMARY KEY NOT NULL,
	`source` text NOT NULL,
	`desk_id` text,
	`fingerprint` text,
	`certificate` text,
	`added_at` text NOT NULL
);
