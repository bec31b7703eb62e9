-- Edits and deletions (the contract's message lifecycle). A deleted message keeps its row and its seq, so a room's seqs
-- stay gapless for history, resume and unread counts; only its text goes (set to '', the column stays not null).
alter table messages add column edited_at timestamptz;
alter table messages add column deleted_at timestamptz;
