-- Who is in must be the same answer on every desk: the earliest check-in by its
-- time, and on equal times the smaller id (0001 kept whichever arrived first).
DROP TRIGGER checkins_presence_in;
--> statement-breakpoint
CREATE TRIGGER checkins_presence_in AFTER INSERT ON checkins
WHEN NEW.kind = 'in' AND NOT EXISTS (SELECT 1 FROM checkins u WHERE u.kind = 'undo' AND u.ref_id = NEW.id)
BEGIN
  INSERT INTO attendee_presence(attendee_id, event_id, checkin_id, at, desk_id, staff_id)
  VALUES (NEW.attendee_id, NEW.event_id, NEW.id, NEW.at, NEW.desk_id, NEW.staff_id)
  ON CONFLICT(attendee_id) DO UPDATE SET
    checkin_id = excluded.checkin_id, at = excluded.at, desk_id = excluded.desk_id, staff_id = excluded.staff_id
  WHERE excluded.at < attendee_presence.at
     OR (excluded.at = attendee_presence.at AND excluded.checkin_id < attendee_presence.checkin_id);
END;
--> statement-breakpoint
DROP TRIGGER checkins_presence_undo;
--> statement-breakpoint
CREATE TRIGGER checkins_presence_undo AFTER INSERT ON checkins WHEN NEW.kind = 'undo' BEGIN
  DELETE FROM attendee_presence WHERE attendee_id = NEW.attendee_id AND checkin_id = NEW.ref_id;
  INSERT OR IGNORE INTO attendee_presence(attendee_id, event_id, checkin_id, at, desk_id, staff_id)
  SELECT c.attendee_id, c.event_id, c.id, c.at, c.desk_id, c.staff_id FROM checkins c
  WHERE c.attendee_id = NEW.attendee_id AND c.kind = 'in'
    AND NOT EXISTS (SELECT 1 FROM checkins u WHERE u.kind = 'undo' AND u.ref_id = c.id)
  ORDER BY c.at, c.id LIMIT 1;
END;
--> statement-breakpoint
-- Desks that already disagree about a tie: settle it the new way.
DELETE FROM attendee_presence;
--> statement-breakpoint
INSERT INTO attendee_presence (attendee_id, event_id, checkin_id, at, desk_id, staff_id)
SELECT attendee_id, event_id, id, at, desk_id, staff_id FROM (
  SELECT c.*, ROW_NUMBER() OVER (PARTITION BY c.attendee_id ORDER BY c.at, c.id) AS n FROM checkins c
  WHERE c.kind = 'in' AND NOT EXISTS (SELECT 1 FROM checkins u WHERE u.kind = 'undo' AND u.ref_id = c.id)
) WHERE n = 1;
--> statement-breakpoint
DELETE FROM ticket_type_counts;
--> statement-breakpoint
INSERT INTO ticket_type_counts (ticket_type_id, expected, checked_in)
SELECT a.ticket_type_id, COUNT(*), COUNT(p.attendee_id)
FROM attendees a LEFT JOIN attendee_presence p ON p.attendee_id = a.id
WHERE a.status != 'cancelled' GROUP BY a.ticket_type_id;
