-- Derived structures kept by triggers, so every write path (local mutations
-- and changes applied from peers) keeps them right without extra code.
-- search_fold() is registered by the app on every connection (src/main/db/open.ts).

-- Accent/case-insensitive search with prefix indexes; contentless: the text lives in attendees.
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
CREATE TRIGGER attendees_fts_insert AFTER INSERT ON attendees BEGIN
  INSERT INTO attendees_fts(rowid, name, email, company, code)
  VALUES (NEW.seq, search_fold(NEW.first_name || ' ' || NEW.last_name), search_fold(NEW.email), search_fold(NEW.company), NEW.code);
END;
--> statement-breakpoint
CREATE TRIGGER attendees_fts_update AFTER UPDATE OF first_name, last_name, email, company, code ON attendees BEGIN
  DELETE FROM attendees_fts WHERE rowid = OLD.seq;
  INSERT INTO attendees_fts(rowid, name, email, company, code)
  VALUES (NEW.seq, search_fold(NEW.first_name || ' ' || NEW.last_name), search_fold(NEW.email), search_fold(NEW.company), NEW.code);
END;
--> statement-breakpoint
CREATE TRIGGER attendees_fts_delete AFTER DELETE ON attendees BEGIN
  DELETE FROM attendees_fts WHERE rowid = OLD.seq;
END;
--> statement-breakpoint
-- Presence: the earliest check-in of an attendee that has not been undone.
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
  DELETE FROM attendee_presence WHERE checkin_id = NEW.ref_id;
  INSERT OR IGNORE INTO attendee_presence(attendee_id, event_id, checkin_id, at, desk_id, staff_id)
  SELECT c.attendee_id, c.event_id, c.id, c.at, c.desk_id, c.staff_id FROM checkins c
  WHERE c.attendee_id = NEW.attendee_id AND c.kind = 'in'
    AND NOT EXISTS (SELECT 1 FROM checkins u WHERE u.kind = 'undo' AND u.ref_id = c.id)
  ORDER BY c.at LIMIT 1;
END;
