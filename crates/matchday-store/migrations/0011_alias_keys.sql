-- matchday schema, version 11: aliases are looked up by their key.
--
-- `team_alias`'s primary key is (team_id, key), so finding which team an alias key
-- names (every `team alias`, every name a command resolves, a file's team list) read
-- the whole table. From version 11 an undo or redo of an undo or redo stores no rows
-- of its own in the change log (it reads the entry it reverses): a build of version 10
-- would take such an entry for a damaged one, so it must refuse the file as newer.
CREATE INDEX team_alias_key ON team_alias (key);
