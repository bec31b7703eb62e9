-- sketch-service's own view of who may draw where, learnt from chat-service's member and room events.
create table rooms (
    room_id   uuid primary key,
    owner_id  uuid
);

create table room_members (
    room_id  uuid not null references rooms (room_id) on delete cascade,
    user_id  uuid not null,
    primary key (room_id, user_id)
);

-- One canvas per room: last_seq is the gapless counter every op takes the next value of, under this row's lock.
create table canvases (
    room_id   uuid primary key,
    last_seq  bigint not null default 0
);

-- The op log: every stroke, undo, redo and clear in seq order. The canvas at any seq is rebuilt from it.
create table canvas_ops (
    room_id     uuid not null,
    seq         bigint not null,
    kind        text not null check (kind in ('stroke', 'undo', 'redo', 'clear')),
    stroke_id   uuid,
    user_id     uuid not null,
    color       text,
    width       int,
    -- [[x, y], ...] as JSON text: written and read whole, never queried inside.
    points      text,
    created_at  timestamptz not null,
    primary key (room_id, seq)
);

-- A strokeId names one stroke per canvas: a resend finds the stored one.
create unique index canvas_ops_stroke_id on canvas_ops (room_id, stroke_id) where kind = 'stroke';

-- Every N ops, which strokes (by seq) the canvas holds and who can redo what, so a canvas at any seq loads from the
-- nearest snapshot and the ops after it instead of from the first op.
create table canvas_snapshots (
    room_id  uuid not null,
    seq      bigint not null,
    state    text not null,
    primary key (room_id, seq)
);
