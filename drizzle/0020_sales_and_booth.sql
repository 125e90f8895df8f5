CREATE TABLE `booth_leads` (
	`exhibitor_id` text NOT NULL,
	`attendee_id` text NOT NULL,
	`event_id` text NOT NULL,
	`first_scan_at` text NOT NULL,
	`last_scan_at` text NOT NULL,
	`scans` integer NOT NULL,
	`rating` integer,
	`tags` text,
	`notes` text,
	PRIMARY KEY(`exhibitor_id`, `attendee_id`)
);
--> statement-breakpoint
CREATE INDEX `booth_leads_first_idx` ON `booth_leads` (`exhibitor_id`,`first_scan_at`);--> statement-breakpoint
CREATE TABLE `booth_scans` (
	`id` text PRIMARY KEY NOT NULL,
	`event_id` text NOT NULL,
	`exhibitor_id` text NOT NULL,
	`attendee_id` text NOT NULL,
	`kind` text NOT NULL,
	`at` text NOT NULL,
	`recorded_at` text NOT NULL,
	`rating` integer,
	`tags` text,
	`notes` text,
	`desk_id` text NOT NULL,
	`staff_id` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `booth_scans_lead_idx` ON `booth_scans` (`exhibitor_id`,`attendee_id`);--> statement-breakpoint
CREATE TABLE `exhibitor_members` (
	`id` text PRIMARY KEY NOT NULL,
	`exhibitor_id` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `exhibitors` (
	`id` text PRIMARY KEY NOT NULL,
	`event_id` text NOT NULL,
	`name` text NOT NULL,
	`booth` text,
	`fields` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `exhibitors_event_idx` ON `exhibitors` (`event_id`);--> statement-breakpoint
CREATE TABLE `accounts` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`name_key` text NOT NULL,
	`domain` text,
	`industry` text,
	`employees` integer,
	`website` text,
	`notes` text,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `accounts_name_key_idx` ON `accounts` (`name_key`);--> statement-breakpoint
CREATE TABLE `contacts` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text,
	`first_name` text NOT NULL,
	`last_name` text NOT NULL,
	`email` text,
	`phone` text,
	`job_title` text,
	`attendee_id` text,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `contacts_account_idx` ON `contacts` (`account_id`);--> statement-breakpoint
CREATE TABLE `leads` (
	`id` text PRIMARY KEY NOT NULL,
	`event_id` text,
	`first_name` text NOT NULL,
	`last_name` text NOT NULL,
	`email` text,
	`email_key` text,
	`company` text,
	`name_key` text,
	`job_title` text,
	`company_size` integer,
	`phone` text,
	`source` text NOT NULL,
	`owner_id` text,
	`status` text NOT NULL,
	`disqualify_reason` text,
	`merged_into` text,
	`notes` text,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `leads_status_idx` ON `leads` (`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `leads_email_key_idx` ON `leads` (`email_key`);--> statement-breakpoint
CREATE INDEX `leads_name_key_idx` ON `leads` (`name_key`);--> statement-breakpoint
CREATE TABLE `opportunities` (
	`id` text PRIMARY KEY NOT NULL,
	`event_id` text NOT NULL,
	`account_id` text NOT NULL,
	`contact_id` text,
	`lead_id` text,
	`name` text NOT NULL,
	`product` text NOT NULL,
	`sponsor_level` text,
	`booth_size` text,
	`booth_location` text,
	`ticket_count` integer,
	`amount_cents` integer NOT NULL,
	`currency` text NOT NULL,
	`stage` text NOT NULL,
	`probability` integer,
	`close_date` text NOT NULL,
	`owner_id` text,
	`next_step` text,
	`lost_reason` text,
	`notes` text,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `opportunities_stage_idx` ON `opportunities` (`stage`,`close_date`);--> statement-breakpoint
CREATE INDEX `opportunities_totals_idx` ON `opportunities` (`stage`,`currency`,`amount_cents`,`probability`);--> statement-breakpoint
CREATE INDEX `opportunities_close_idx` ON `opportunities` (`close_date`,`stage`,`currency`,`amount_cents`,`probability`);--> statement-breakpoint
CREATE INDEX `opportunities_owner_idx` ON `opportunities` (`owner_id`,`stage`);--> statement-breakpoint
CREATE TABLE `sales_quotas` (
	`id` text PRIMARY KEY NOT NULL,
	`owner_id` text NOT NULL,
	`period` text NOT NULL,
	`amount_cents` integer NOT NULL,
	`currency` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `sales_quotas_period_idx` ON `sales_quotas` (`period`,`owner_id`);--> statement-breakpoint
CREATE TABLE `sales_settings` (
	`id` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
