-- A room's retention, set by its owner: messages older than max_age_days, or beyond the newest max_messages, are
-- evicted in the background (MessageEviction). Null: no bound.
alter table rooms add column retention_max_age_days integer check (retention_max_age_days between 1 and 3650);
alter table rooms add column retention_max_messages integer check (retention_max_messages between 10 and 10000000);
-- The highest seq evicted so far (0: none). History reports evicted_through + 1 as evictedBefore, so clients know the
-- gap below it is intended. Never moves down.
alter table rooms add column evicted_through bigint not null default 0;
-- Whether joins, leaves and room changes are written into the room's timeline as kind 'system' messages. Channels
-- start with them on; direct rooms never have them; general's follows GENERAL_SYSTEM_LINES, set at every start.
alter table rooms add column system_lines boolean not null default false;
update rooms set system_lines = true where kind = 'channel';
-- The evictor's round reads only rooms that have a retention.
create index rooms_with_retention on rooms (id)
    where retention_max_age_days is not null or retention_max_messages is not null;
