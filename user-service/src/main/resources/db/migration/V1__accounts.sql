-- Accounts. username_key is the case-folded name: 'Alice' and 'alice' are the same account name.
create table users (
    id            uuid primary key,
    username      varchar(32)  not null,
    username_key  varchar(32)  not null,
    email         varchar(254) not null,
    password_hash varchar(100) not null,
    created_at    timestamptz  not null,
    constraint users_username_key_unique unique (username_key)
);

-- One row per login; every access and refresh token carries or points at its session, so logout of a
-- session ends all of them together.
create table sessions (
    id         uuid primary key,
    user_id    uuid        not null references users (id) on delete cascade,
    created_at timestamptz not null,
    revoked_at timestamptz
);
create index sessions_user_id on sessions (user_id);

-- Refresh tokens are stored only as SHA-256 of their 256 random bits. Rotation marks the old one
-- replaced; presenting a replaced token again is taken as theft and ends the whole session.
create table refresh_tokens (
    token_hash  bytea primary key,
    session_id  uuid        not null references sessions (id) on delete cascade,
    expires_at  timestamptz not null,
    created_at  timestamptz not null,
    replaced_at timestamptz
);
create index refresh_tokens_session_id on refresh_tokens (session_id);
