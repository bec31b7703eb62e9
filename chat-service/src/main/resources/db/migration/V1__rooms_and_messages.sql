-- chat-service's own view of users: learnt from user.events and from the caller of every command,
-- so sender names, member lists and direct rooms never need user-service's database.
create table users (
    id         uuid primary key,
    username   varchar(32) not null,
    created_at timestamptz not null
);

create table rooms (
    id            uuid primary key,
    kind          varchar(8)   not null check (kind in ('general', 'channel', 'direct')),
    name          varchar(64)  not null,
    name_key      varchar(64)  not null,
    topic         varchar(256),
    visibility    varchar(8)   not null check (visibility in ('public', 'private')),
    password_hash varchar(100),
    owner_id      uuid,
    created_at    timestamptz  not null,
    -- The room's logical clock: the seq of its newest message. Bumped in the transaction that stores
    -- the message, under this row's lock, so seqs are 1, 2, 3, ... with no gap.
    last_seq      bigint       not null default 0,
    -- For direct rooms: the two user ids, smaller first; one room per pair.
    pair_key      varchar(80)
);
-- Channel names are unique regardless of case; direct rooms are named after their pair.
create unique index rooms_channel_name on rooms (name_key) where kind = 'channel';
create unique index rooms_direct_pair on rooms (pair_key) where kind = 'direct';

create table room_members (
    room_id   uuid        not null references rooms (id) on delete cascade,
    user_id   uuid        not null references users (id) on delete cascade,
    role      varchar(8)  not null check (role in ('owner', 'member')),
    joined_at timestamptz not null,
    -- The member's read marker: the highest seq they have read. Never moves backwards.
    read_seq  bigint      not null default 0,
    primary key (room_id, user_id)
);
create index room_members_user on room_members (user_id);

create table messages (
    room_id       uuid          not null references rooms (id) on delete cascade,
    seq           bigint        not null,
    id            uuid          not null unique,
    sender_id     uuid,
    sender_name   varchar(32),
    text          varchar(4000) not null,
    kind          varchar(8)    not null check (kind in ('user', 'system')),
    client_msg_id varchar(64),
    created_at    timestamptz   not null,
    primary key (room_id, seq)
);
-- A resend with the same clientMsgId by the same sender in the same room is the same message.
create unique index messages_idempotency on messages (room_id, sender_id, client_msg_id);
create index messages_room_time on messages (room_id, created_at);

-- The general room exists from the start; every user becomes its member when chat-service learns of them.
insert into rooms (id, kind, name, name_key, topic, visibility, owner_id, created_at)
values ('00000000-0000-7000-8000-000000000001', 'general', 'general', 'general', 'Everyone', 'public', null, now());

-- Asking to join a private room without its password: the owner approves or rejects.
create table join_requests (
    room_id      uuid        not null references rooms (id) on delete cascade,
    user_id      uuid        not null references users (id) on delete cascade,
    requested_at timestamptz not null,
    primary key (room_id, user_id)
);
