-- Uploaded images. The bytes live in the attachment store (a directory locally, object storage in a cluster), under
-- the attachment's id; this table is what chat-service knows of them. An upload is unsent (message_seq null) until a
-- message of its uploader in its room carries it; unsent ones older than ATTACHMENT_ORPHAN_AFTER, and those of
-- deleted or evicted messages and of deleted rooms, are removed by AttachmentSweeper (store first, then the row).
create table attachments (
    id                 uuid primary key,
    room_id            uuid        not null,
    uploader_id        uuid        not null,
    content_type       varchar(16) not null,
    size               integer     not null,
    width              integer     not null,
    height             integer     not null,
    thumb_content_type varchar(16) not null,
    thumb_size         integer     not null,
    thumb_width        integer     not null,
    thumb_height       integer     not null,
    created_at         timestamptz not null,
    message_seq        bigint
);
create index attachments_message on attachments (room_id, message_seq);
create index attachments_unsent on attachments (created_at) where message_seq is null;
