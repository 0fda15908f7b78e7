/**
 * The inquiry database's schema as an ordered list of migrations. `PRAGMA user_version` records how
 * many have run; `migrate` applies the rest, each in its own transaction together with the version
 * bump, so running it again (or from two processes) changes nothing. Append new migrations; never
 * edit one that has shipped. It knows nothing about the queries that use these tables.
 */
import type { DatabaseSync } from "node:sqlite";

export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE inquiries (
    id INTEGER PRIMARY KEY,
    reference TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    name TEXT NOT NULL,
    email TEXT NOT NULL,
    email_key TEXT NOT NULL,
    goal TEXT NOT NULL,
    goal_race TEXT,
    goal_race_date TEXT,
    years_running REAL NOT NULL,
    weekly_volume REAL NOT NULL,
    volume_unit TEXT NOT NULL,
    lifting TEXT NOT NULL,
    message TEXT NOT NULL,
    time_zone TEXT,
    consent_at TEXT NOT NULL,
    privacy_version TEXT NOT NULL,
    newsletter INTEGER NOT NULL CHECK (newsletter IN (0, 1)),
    spam_reason TEXT,
    dedupe_key TEXT NOT NULL
  ) STRICT;
  CREATE INDEX inquiries_by_created ON inquiries (created_at);
  CREATE INDEX inquiries_by_dedupe ON inquiries (dedupe_key, created_at);
  CREATE INDEX inquiries_by_email ON inquiries (email_key, created_at);

  CREATE TABLE outbox (
    id INTEGER PRIMARY KEY,
    inquiry_id INTEGER NOT NULL REFERENCES inquiries (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('coach-notification', 'auto-reply')),
    status TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    locked_until TEXT,
    last_error TEXT,
    created_at TEXT NOT NULL,
    sent_at TEXT
  ) STRICT;
  CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
  CREATE INDEX outbox_by_inquiry ON outbox (inquiry_id);

  CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  ) STRICT;
  `,
  // One form token carries one inquiry: the token's nonce is kept with the inquiry it brought.
  `
  ALTER TABLE inquiries ADD COLUMN form_token TEXT;
  CREATE UNIQUE INDEX inquiries_by_form_token ON inquiries (form_token) WHERE form_token IS NOT NULL;
  `,
  // The outbox carries email of any kind, not only an inquiry's two: `inquiry_id` becomes optional,
  // `kind` is checked by the code that composes it, `data` holds the facts a message states, frozen
  // when it was queued (JSON), and `recipient_key` names the person it is addressed to or about, so
  // forgetting that person removes it. SQLite cannot drop a CHECK in place: the table is rebuilt.
  `
  CREATE TABLE outbox_v3 (
    id INTEGER PRIMARY KEY,
    inquiry_id INTEGER REFERENCES inquiries (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (length(kind) BETWEEN 1 AND 40),
    data TEXT CHECK (data IS NULL OR json_valid(data)),
    recipient_key TEXT,
    status TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    locked_until TEXT,
    last_error TEXT,
    created_at TEXT NOT NULL,
    sent_at TEXT
  ) STRICT;
  INSERT INTO outbox_v3 (id, inquiry_id, kind, data, recipient_key, status, attempts, next_attempt_at,
      locked_until, last_error, created_at, sent_at)
    SELECT o.id, o.inquiry_id, o.kind, NULL, i.email_key, o.status, o.attempts, o.next_attempt_at,
      o.locked_until, o.last_error, o.created_at, o.sent_at
    FROM outbox o JOIN inquiries i ON i.id = o.inquiry_id;
  DROP TABLE outbox;
  ALTER TABLE outbox_v3 RENAME TO outbox;
  CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
  CREATE INDEX outbox_by_inquiry ON outbox (inquiry_id);
  CREATE INDEX outbox_by_recipient ON outbox (recipient_key);
  `,
  // Booked free consultations, one per inquiry at most. The database itself refuses a second active
  // booking of an overlapping time: a partial unique index for the same start and triggers that
  // abort on any overlap among active bookings, on insert and on a move, whatever the code checked
  // before. Times are ISO 8601 UTC text of one length, so text order is time order.
  `
  CREATE TABLE bookings (
    id INTEGER PRIMARY KEY,
    inquiry_id INTEGER NOT NULL UNIQUE REFERENCES inquiries (id) ON DELETE CASCADE,
    reference TEXT NOT NULL UNIQUE,
    start_at TEXT NOT NULL CHECK (length(start_at) = 24 AND start_at LIKE '____-__-__T__:__:__.___Z'),
    end_at TEXT NOT NULL CHECK (length(end_at) = 24 AND end_at LIKE '____-__-__T__:__:__.___Z'),
    status TEXT NOT NULL CHECK (status IN ('booked', 'cancelled')),
    sequence INTEGER NOT NULL DEFAULT 0 CHECK (sequence >= 0),
    visitor_time_zone TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    cancelled_by TEXT CHECK (cancelled_by IS NULL OR cancelled_by IN ('visitor', 'coach')),
    CHECK (start_at < end_at)
  ) STRICT;
  CREATE UNIQUE INDEX bookings_one_per_start ON bookings (start_at) WHERE status = 'booked';
  CREATE INDEX bookings_by_time ON bookings (status, start_at);
  CREATE TRIGGER bookings_no_overlap_on_insert BEFORE INSERT ON bookings
    WHEN NEW.status = 'booked' AND EXISTS (SELECT 1 FROM bookings b
      WHERE b.status = 'booked' AND b.start_at < NEW.end_at AND b.end_at > NEW.start_at)
  BEGIN
    SELECT RAISE(ABORT, 'booking overlaps another booking');
  END;
  CREATE TRIGGER bookings_no_overlap_on_update BEFORE UPDATE OF start_at, end_at, status ON bookings
    WHEN NEW.status = 'booked' AND EXISTS (SELECT 1 FROM bookings b
      WHERE b.id <> NEW.id AND b.status = 'booked' AND b.start_at < NEW.end_at AND b.end_at > NEW.start_at)
  BEGIN
    SELECT RAISE(ABORT, 'booking overlaps another booking');
  END;
  `,
  // Readers' comments under articles and the coach's replies (one level: a reply answers a reader's
  // comment, enforced by the trigger). A deleted comment stays as a row without its text, name or
  // address, so a moderation link used again can say it was deleted. The article's title is frozen
  // with the comment for the emails and the command line, which run outside the site's build.
  `
  CREATE TABLE comments (
    id INTEGER PRIMARY KEY,
    article TEXT NOT NULL CHECK (length(article) BETWEEN 1 AND 200),
    article_title TEXT NOT NULL,
    parent_id INTEGER REFERENCES comments (id) ON DELETE CASCADE,
    author TEXT NOT NULL CHECK (author IN ('reader', 'coach')),
    name TEXT NOT NULL,
    email TEXT,
    email_key TEXT,
    body TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'deleted', 'spam')),
    held_reason TEXT,
    notify INTEGER NOT NULL DEFAULT 0 CHECK (notify IN (0, 1)),
    created_at TEXT NOT NULL,
    decided_at TEXT,
    dedupe_key TEXT,
    form_token TEXT,
    CHECK ((author = 'coach') = (parent_id IS NOT NULL)),
    CHECK (notify = 0 OR email IS NOT NULL)
  ) STRICT;
  CREATE UNIQUE INDEX comments_by_form_token ON comments (form_token) WHERE form_token IS NOT NULL;
  CREATE INDEX comments_by_article ON comments (article, status, created_at);
  CREATE INDEX comments_by_parent ON comments (parent_id);
  CREATE INDEX comments_by_email ON comments (email_key);
  CREATE INDEX comments_by_dedupe ON comments (dedupe_key, created_at);
  CREATE TRIGGER comments_reply_answers_a_reader BEFORE INSERT ON comments
    WHEN NEW.parent_id IS NOT NULL
      AND (SELECT author FROM comments WHERE id = NEW.parent_id) IS NOT 'reader'
    BEGIN SELECT RAISE(ABORT, 'a reply must answer a reader''s comment'); END;
  `,
];

function userVersion(db: DatabaseSync): number {
  const row = db.prepare("PRAGMA user_version").get();
  const version = row?.["user_version"];
  return typeof version === "number" ? version : 0;
}

/** Applies every migration the database has not seen yet; returns the resulting version. */
export function migrate(db: DatabaseSync, migrations: readonly string[] = MIGRATIONS): number {
  for (;;) {
    db.exec("BEGIN IMMEDIATE");
    try {
      // Read inside the write lock: another process may have migrated since we last looked.
      const version = userVersion(db);
      const next = migrations[version];
      if (next === undefined) {
        db.exec("COMMIT");
        return version;
      }
      db.exec(next);
      db.exec(`PRAGMA user_version = ${version + 1}`);
      db.exec("COMMIT");
    } catch (error) {
      if (db.isTransaction) db.exec("ROLLBACK");
      throw error;
    }
  }
}
