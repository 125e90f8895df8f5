-- A registration merged into another one of the same person no longer counts,
-- like a cancelled one: the counters count live registrations only.
DROP TRIGGER ticket_type_counts_presence_insert;
--> statement-breakpoint
CREATE TRIGGER ticket_type_counts_presence_insert AFTER INSERT ON attendee_presence BEGIN
  UPDATE ticket_type_counts SET checked_in = checked_in + 1
  WHERE ticket_type_id = (SELECT ticket_type_id FROM attendees WHERE id = NEW.attendee_id AND status IN ('registered', 'no_show'));
END;
--> statement-breakpoint
DROP TRIGGER ticket_type_counts_presence_delete;
--> statement-breakpoint
CREATE TRIGGER ticket_type_counts_presence_delete AFTER DELETE ON attendee_presence BEGIN
  UPDATE ticket_type_counts SET checked_in = checked_in - 1
  WHERE ticket_type_id = (SELECT ticket_type_id FROM attendees WHERE id = OLD.attendee_id AND status IN ('registered', 'no_show'));
END;
