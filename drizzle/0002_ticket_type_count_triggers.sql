-- ticket_type_counts, the presence side: a check-in (or its undo) of a counted
-- registration moves checked_in, for local writes and changes applied from peers
-- alike. The attendee side (registrations added, cancelled, moved between ticket
-- types) is src/main/checkin/ticket-type-counts.ts, a projection of the write path.
-- Rows may arrive in any order from a peer (a check-in before its attendee), so
-- each side looks at the other when it arrives.

CREATE TRIGGER ticket_type_counts_presence_insert AFTER INSERT ON attendee_presence BEGIN
  UPDATE ticket_type_counts SET checked_in = checked_in + 1
  WHERE ticket_type_id = (SELECT ticket_type_id FROM attendees WHERE id = NEW.attendee_id AND status != 'cancelled');
END;
--> statement-breakpoint
CREATE TRIGGER ticket_type_counts_presence_delete AFTER DELETE ON attendee_presence BEGIN
  UPDATE ticket_type_counts SET checked_in = checked_in - 1
  WHERE ticket_type_id = (SELECT ticket_type_id FROM attendees WHERE id = OLD.attendee_id AND status != 'cancelled');
END;
--> statement-breakpoint
-- Desks created before this migration: count what is there.
INSERT INTO ticket_type_counts (ticket_type_id, expected, checked_in)
SELECT a.ticket_type_id, COUNT(*), COUNT(p.attendee_id)
FROM attendees a LEFT JOIN attendee_presence p ON p.attendee_id = a.id
WHERE a.status != 'cancelled'
GROUP BY a.ticket_type_id;
