-- Every message up to published_seq has surely gone out on chat.events. One above it may not have (the process died
-- between the commit and the publish): the relay publishes those again after a grace. Set from the publisher's acks, a
-- second or so behind, so a restart republishes at most that much (gateways drop what they already have by seq).
alter table rooms add column published_seq bigint not null default 0;
update rooms set published_seq = last_seq;

-- Events that follow a commit, other than messages (membership changes, room deletion, join requests): written in the
-- transaction that makes the change, deleted once the broker has them. What a crash leaves is published by the relay.
-- No foreign key: a room's deletion event outlives the room.
create table outbox (
    id             bigserial    primary key,
    room_id        uuid         not null,
    -- chat.memberships' key when the event is also a membership fact (room/user, or room when deleted); else null.
    membership_key varchar(80),
    payload        text         not null,
    created_at     timestamptz  not null default now()
);
