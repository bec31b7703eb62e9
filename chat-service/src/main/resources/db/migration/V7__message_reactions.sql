-- One row per member, emoji and message: a member reacts with an emoji once; the counts are these rows counted.
create table message_reactions (
    room_id    uuid        not null,
    seq        bigint      not null,
    emoji      varchar(64) not null,
    user_id    uuid        not null,
    created_at timestamptz not null,
    primary key (room_id, seq, emoji, user_id),
    -- Evicting or deleting the room's messages takes their reactions with them.
    foreign key (room_id, seq) references messages (room_id, seq) on delete cascade
);
