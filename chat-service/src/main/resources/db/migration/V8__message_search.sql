-- Full-text search over message text. The 'simple' configuration lowercases words and keeps them as typed: no stemming
-- and no stop words, because a chat's rooms speak many languages and one language's stemmer would mangle the others.
-- Stored and indexed, so a search reads the GIN index, never the text; a deleted message's empty text indexes nothing.
alter table messages add column search tsvector generated always as (to_tsvector('simple', text)) stored;
create index messages_search on messages using gin (search);
