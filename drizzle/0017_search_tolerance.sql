-- Desk search forgives how a name was typed: `alt` holds other spellings of the
-- name's words (Müller also as "mueller", Mueller also as "muller", Ødegård as
-- "oedegaard"), `typo` each longer name word with every one of its letters left
-- out in turn (one typo in the query meets one of them). Both are only asked
-- after the exact matches, and rank below them. The folded text is computed in
-- code: the kernel rebuilds the table at start-up (`rebuild:attendees_fts`).
DROP TABLE attendees_fts;
--> statement-breakpoint
CREATE VIRTUAL TABLE attendees_fts USING fts5(
  name, email, company, code, ev, alt, typo,
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '2 3',
  content = '',
  contentless_delete = 1
);
--> statement-breakpoint
-- A code hit outranks a name hit, a name hit outranks an e-mail or company hit; the event column never ranks;
-- another spelling and a typo rank lowest.
INSERT INTO attendees_fts(attendees_fts, rank) VALUES ('rank', 'bm25(10.0, 4.0, 2.0, 20.0, 0.0, 3.0, 1.0)');
--> statement-breakpoint
INSERT INTO meta (key, value) VALUES ('rebuild:attendees_fts', '1') ON CONFLICT (key) DO UPDATE SET value = excluded.value;
