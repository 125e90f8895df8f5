CREATE TABLE `backup_settings` (
	`id` text PRIMARY KEY NOT NULL,
	`enabled` integer DEFAULT false NOT NULL,
	`interval_minutes` integer DEFAULT 60 NOT NULL,
	`keep` integer DEFAULT 10 NOT NULL,
	`warn_after_hours` integer DEFAULT 24 NOT NULL,
	`key_source` text,
	`key_origin` text,
	`key` text,
	`restoring` text
);
--> statement-breakpoint
CREATE TABLE `backup_targets` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`path` text,
	`endpoint` text,
	`region` text,
	`bucket` text,
	`prefix` text,
	`force_path_style` integer DEFAULT false NOT NULL,
	`access_key_id` text,
	`secret_access_key` text,
	`created_at` text NOT NULL,
	`last_ok_at` text,
	`last_ok_name` text,
	`last_ok_bytes` integer,
	`last_error_at` text,
	`last_error_key` text,
	`last_error_message` text,
	`last_error_params` text,
	`failures` integer DEFAULT 0 NOT NULL
);
