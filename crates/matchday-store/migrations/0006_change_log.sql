-- matchday schema, version 6: the change log. Every change to stored data is
-- recorded, in the transaction that makes it, as one `change` (when, and the
-- command line that made it) and one `change_row` per row inserted, updated or
-- deleted, with the row's columns before and after as JSON objects.
--
-- The rows are written by triggers on every data table (created by the store's
-- migration step for 0006, from the tables' columns, and again after every later
-- migration so a new column or table is logged too: see change_log.rs). A
-- trigger files its row under the change that is about to be opened, the one
-- after the newest stored; the transaction adds that `change` at its end only
-- when a row changed, so a write that changes nothing leaves no entry. Rows
-- changed outside matchday (another program with the file) are logged by the
-- same triggers and filed under a change of their own, with no command line, by
-- the next matchday write; so change_row.change_id is not a foreign key.
--
-- Both tables are append-only: undoing a change is a new change that reverses it
-- (`undoes` names the change it reversed).

CREATE TABLE change (
    id      INTEGER PRIMARY KEY,
    -- UTC, as 2024-01-31T20:15:02Z
    at      TEXT NOT NULL,
    -- the command line, shell-quoted; NULL when not known (changes made outside matchday)
    command TEXT,
    undoes  INTEGER REFERENCES change(id)
);

CREATE TABLE change_row (
    -- the order in which the rows changed, across the whole log
    seq       INTEGER PRIMARY KEY,
    change_id INTEGER NOT NULL,
    tbl       TEXT NOT NULL,
    -- the row's rowid (its id, where the table has one)
    row_id    INTEGER NOT NULL,
    -- json_object of every column; NULL before an insert and after a delete
    before    TEXT,
    after     TEXT,
    CHECK (before IS NOT NULL OR after IS NOT NULL)
);
CREATE INDEX change_row_by_change ON change_row (change_id, seq);

CREATE TRIGGER change_is_append_only_update BEFORE UPDATE ON change
BEGIN SELECT RAISE(ABORT, 'the change log is append-only'); END;
CREATE TRIGGER change_is_append_only_delete BEFORE DELETE ON change
BEGIN SELECT RAISE(ABORT, 'the change log is append-only'); END;
CREATE TRIGGER change_row_is_append_only_update BEFORE UPDATE ON change_row
BEGIN SELECT RAISE(ABORT, 'the change log is append-only'); END;
CREATE TRIGGER change_row_is_append_only_delete BEFORE DELETE ON change_row
BEGIN SELECT RAISE(ABORT, 'the change log is append-only'); END;
