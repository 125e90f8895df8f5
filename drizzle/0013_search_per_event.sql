-- The search index gets the attendee's event as a column (`ev`, one token per
-- event that no typed query can produce), so a query names its event inside
-- MATCH: the cap on one- and two-letter queries then applies to that event's
-- matches, not to the first matches of every event on the desk.
-- The folded text is computed in code: the kernel rebuilds the table at start-up
-- when it finds `rebuild:attendees_fts` in meta.
DROP TABLE attendees_fts;
--> statement-breakpoint
CREATE VIRTUAL TABLE attendees_fts USING fts5(
  name, email, company, code, ev,
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '2 3',
  content = '',
  contentless_delete = 1
);
--> statement-breakpoint
-- A code hit outranks a name hit, a name hit outranks an e-mail or company hit; the event column never ranks.
INSERT INTO attendees_fts(attendees_fts, rank) VALUES ('rank', 'bm25(10.0, 4.0, 2.0, 20.0, 0.0)');
--> statement-breakpoint
INSERT INTO meta (key, value) VALUES ('rebuild:attendees_fts', '1') ON CONFLICT (key) DO UPDATE SET value = excluded.value;
