CREATE TABLE `budget_lines` (
	`id` text PRIMARY KEY NOT NULL,
	`event_id` text NOT NULL,
	`category` text NOT NULL,
	`name` text NOT NULL,
	`planned_minor` integer NOT NULL,
	`currency` text NOT NULL,
	`control` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `budget_lines_event_idx` ON `budget_lines` (`event_id`);--> statement-breakpoint
CREATE TABLE `budget_overrides` (
	`id` text PRIMARY KEY NOT NULL,
	`event_id` text NOT NULL,
	`budget_line_id` text NOT NULL,
	`contract_id` text NOT NULL,
	`over_minor` integer NOT NULL,
	`reason` text NOT NULL,
	`at` text NOT NULL,
	`desk_id` text NOT NULL,
	`staff_id` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `contract_milestones` (
	`id` text PRIMARY KEY NOT NULL,
	`contract_id` text NOT NULL,
	`event_id` text NOT NULL,
	`label` text NOT NULL,
	`due_on` text NOT NULL,
	`amount_minor` integer,
	`percent` integer,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `contract_milestones_contract_idx` ON `contract_milestones` (`contract_id`);--> statement-breakpoint
CREATE TABLE `contract_payments` (
	`id` text PRIMARY KEY NOT NULL,
	`event_id` text NOT NULL,
	`contract_id` text NOT NULL,
	`milestone_id` text NOT NULL,
	`kind` text NOT NULL,
	`ref_id` text,
	`amount_minor` integer NOT NULL,
	`paid_on` text NOT NULL,
	`method` text NOT NULL,
	`reference` text,
	`at` text NOT NULL,
	`desk_id` text NOT NULL,
	`staff_id` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `contract_payments_milestone_idx` ON `contract_payments` (`milestone_id`);--> statement-breakpoint
CREATE INDEX `contract_payments_contract_idx` ON `contract_payments` (`contract_id`);--> statement-breakpoint
CREATE INDEX `contract_payments_ref_idx` ON `contract_payments` (`ref_id`) WHERE "contract_payments"."ref_id" IS NOT NULL;--> statement-breakpoint
CREATE TABLE `contracts` (
	`id` text PRIMARY KEY NOT NULL,
	`event_id` text NOT NULL,
	`vendor_id` text NOT NULL,
	`rfq_id` text,
	`budget_line_id` text,
	`title` text NOT NULL,
	`amount_minor` integer NOT NULL,
	`currency` text NOT NULL,
	`deposit_minor` integer NOT NULL,
	`status` text NOT NULL,
	`signed_on` text,
	`signed_by` text,
	`cancellation_terms` text,
	`checklist` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `contracts_event_idx` ON `contracts` (`event_id`);--> statement-breakpoint
CREATE INDEX `contracts_budget_line_idx` ON `contracts` (`budget_line_id`);--> statement-breakpoint
CREATE TABLE `quotes` (
	`id` text PRIMARY KEY NOT NULL,
	`rfq_id` text NOT NULL,
	`event_id` text NOT NULL,
	`vendor_id` text NOT NULL,
	`prices` text NOT NULL,
	`tax_bp` integer NOT NULL,
	`discount_minor` integer NOT NULL,
	`valid_until` text NOT NULL,
	`payment_terms` text,
	`notes` text
);
--> statement-breakpoint
CREATE INDEX `quotes_rfq_idx` ON `quotes` (`rfq_id`);--> statement-breakpoint
CREATE TABLE `rfq_awards` (
	`id` text PRIMARY KEY NOT NULL,
	`rfq_id` text NOT NULL,
	`event_id` text NOT NULL,
	`round_id` text NOT NULL,
	`vendor_id` text NOT NULL,
	`line_id` text,
	`at` text NOT NULL,
	`desk_id` text NOT NULL,
	`staff_id` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `rfq_awards_rfq_idx` ON `rfq_awards` (`rfq_id`,`at`);--> statement-breakpoint
CREATE TABLE `rfq_invites` (
	`id` text PRIMARY KEY NOT NULL,
	`rfq_id` text NOT NULL,
	`event_id` text NOT NULL,
	`vendor_id` text NOT NULL,
	`status` text NOT NULL,
	`decline_reason` text
);
--> statement-breakpoint
CREATE INDEX `rfq_invites_rfq_idx` ON `rfq_invites` (`rfq_id`);--> statement-breakpoint
CREATE TABLE `rfq_lines` (
	`id` text PRIMARY KEY NOT NULL,
	`rfq_id` text NOT NULL,
	`event_id` text NOT NULL,
	`position` integer NOT NULL,
	`description` text NOT NULL,
	`quantity` real NOT NULL,
	`unit` text NOT NULL,
	`wanted_on` text
);
--> statement-breakpoint
CREATE INDEX `rfq_lines_rfq_idx` ON `rfq_lines` (`rfq_id`);--> statement-breakpoint
CREATE TABLE `rfqs` (
	`id` text PRIMARY KEY NOT NULL,
	`event_id` text NOT NULL,
	`title` text NOT NULL,
	`currency` text NOT NULL,
	`deadline` text NOT NULL,
	`status` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `rfqs_event_idx` ON `rfqs` (`event_id`);--> statement-breakpoint
CREATE TABLE `vendors` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`categories` text NOT NULL,
	`contacts` text NOT NULL,
	`tax_id` text,
	`website` text,
	`notes` text,
	`tags` text NOT NULL,
	`status` text NOT NULL,
	`blocked_reason` text,
	`created_at` text NOT NULL
);
