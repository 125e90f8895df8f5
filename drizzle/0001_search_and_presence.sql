-- Derived structures of this desk, rebuilt from the synced tables.

-- Accent/case-insensitive search with prefix indexes; contentless: the text lives
-- in attendees. Kept by src/main/attendees/search-index.ts from the write path
-- (an FTS5 insert inside a trigger measured 3x slower than a direct one).
CREATE VIRTUAL TABLE attendees_fts USING fts5(
  name, email, company, code,
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '2 3',
  content = '',
  contentless_delete = 1
);
--> statement-breakpoint
-- A code hit outranks a name hit, a name hit outranks an e-mail or company hit.
INSERT INTO attendees_fts(attendees_fts, rank) VALUES ('rank', 'bm25(10.0, 4.0, 2.0, 20.0)');
--> statement-breakpoint
-- Presence, kept by triggers so local check-ins and ones applied from peers
-- update it alike: the earliest check-in of an attendee that has not been undone.
CREATE TRIGGER checkins_presence_in AFTER INSERT ON checkins
WHEN NEW.kind = 'in' AND NOT EXISTS (SELECT 1 FROM checkins u WHERE u.kind = 'undo' AND u.ref_id = NEW.id)
BEGIN
  INSERT INTO attendee_presence(attendee_id, event_id, checkin_id, at, desk_id, staff_id)
  VALUES (NEW.attendee_id, NEW.event_id, NEW.id, NEW.at, NEW.desk_id, NEW.staff_id)
  ON CONFLICT(attendee_id) DO UPDATE SET
    checkin_id = excluded.checkin_id, at = excluded.at, desk_id = excluded.desk_id, staff_id = excluded.staff_id
  WHERE excluded.at < attendee_presence.at;
END;
--> statement-breakpoint
CREATE TRIGGER checkins_presence_undo AFTER INSERT ON checkins WHEN NEW.kind = 'undo' BEGIN
  DELETE FROM attendee_presence WHERE attendee_id = NEW.attendee_id AND checkin_id = NEW.ref_id;
  INSERT OR IGNORE INTO attendee_presence(attendee_id, event_id, checkin_id, at, desk_id, staff_id)
  SELECT c.attendee_id, c.event_id, c.id, c.at, c.desk_id, c.staff_id FROM checkins c
  WHERE c.attendee_id = NEW.attendee_id AND c.kind = 'in'
    AND NOT EXISTS (SELECT 1 FROM checkins u WHERE u.kind = 'undo' AND u.ref_id = c.id)
  ORDER BY c.at LIMIT 1;
END;
