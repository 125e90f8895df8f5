-- Derived: each attendee's name-order key (shared/text.ts nameSortKey), kept by a
-- projection of the write path. WITHOUT ROWID: the table is its own ordered index
-- (one b-tree per insert instead of two; drizzle cannot declare it, like attendees_fts).
CREATE TABLE `attendee_sort_keys` (
	`event_id` text NOT NULL,
	`sort_key` text NOT NULL,
	`seq` integer NOT NULL,
	PRIMARY KEY (`event_id`, `sort_key`)
) WITHOUT ROWID;
--> statement-breakpoint
-- The attendees already on this desk get their keys at start-up: the kernel
-- rebuilds once each derived table a migration names here (core.ts).
INSERT OR REPLACE INTO `meta` (`key`, `value`) VALUES ('rebuild:attendee_sort_keys', '0011_name_sort_keys');
