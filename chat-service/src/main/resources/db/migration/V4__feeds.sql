-- Feeds chat-service has filled from its own tables once (the membership feed started after rooms existed).
create table feeds (
    name          varchar(64) primary key,
    completed_at  timestamptz not null
);
