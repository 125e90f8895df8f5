CREATE TABLE `badge_assignments` (
	`id` text PRIMARY KEY NOT NULL,
	`event_id` text NOT NULL,
	`ticket_type_id` text,
	`template_id` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `badge_assignments_event_idx` ON `badge_assignments` (`event_id`);--> statement-breakpoint
CREATE TABLE `badge_templates` (
	`id` text PRIMARY KEY NOT NULL,
	`event_id` text NOT NULL,
	`name` text NOT NULL,
	`template` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `badge_templates_event_idx` ON `badge_templates` (`event_id`);--> statement-breakpoint
CREATE TABLE `print_job_state` (
	`job_id` text PRIMARY KEY NOT NULL,
	`event_id` text NOT NULL,
	`attendee_id` text NOT NULL,
	`print_desk_id` text NOT NULL,
	`printer_id` text NOT NULL,
	`status` text NOT NULL,
	`attempts` integer NOT NULL,
	`reason` text,
	`retry_at` text,
	`queued_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `print_job_state_desk_idx` ON `print_job_state` (`print_desk_id`,`status`);--> statement-breakpoint
CREATE TABLE `print_job_steps` (
	`id` text PRIMARY KEY NOT NULL,
	`job_id` text NOT NULL,
	`event_id` text NOT NULL,
	`step` text NOT NULL,
	`at` text NOT NULL,
	`desk_id` text NOT NULL,
	`staff_id` text,
	`attempt` integer DEFAULT 0 NOT NULL,
	`reason` text,
	`retry_at` text
);
--> statement-breakpoint
CREATE INDEX `print_job_steps_job_idx` ON `print_job_steps` (`job_id`);--> statement-breakpoint
CREATE TABLE `print_jobs` (
	`id` text PRIMARY KEY NOT NULL,
	`event_id` text NOT NULL,
	`attendee_id` text NOT NULL,
	`template_id` text NOT NULL,
	`print_desk_id` text NOT NULL,
	`printer_id` text NOT NULL,
	`reprint` integer DEFAULT false NOT NULL,
	`at` text NOT NULL,
	`desk_id` text NOT NULL,
	`staff_id` text
);
--> statement-breakpoint
CREATE INDEX `print_jobs_attendee_idx` ON `print_jobs` (`attendee_id`);--> statement-breakpoint
CREATE INDEX `print_jobs_event_idx` ON `print_jobs` (`event_id`,`at`);--> statement-breakpoint
CREATE TABLE `printers` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`transport` text NOT NULL,
	`address` text NOT NULL,
	`media_width` integer NOT NULL,
	`media_height` integer NOT NULL,
	`dpi` integer DEFAULT 203 NOT NULL,
	`mode` text DEFAULT 'auto' NOT NULL,
	`template_id` text,
	`created_at` text NOT NULL
);
