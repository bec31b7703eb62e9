-- Presence as learnt from user.events: shown in member lists. presence_version orders the changes, so
-- a late, older event never overrides a newer one.
alter table users add column online boolean not null default false;
alter table users add column last_seen_at timestamptz;
alter table users add column presence_version bigint not null default 0;
