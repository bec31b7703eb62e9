-- The tables are their own outbox: a user whose "registered" event has not surely gone out has no announced_at; a
-- revoked session whose revocation has not surely gone out has no revocation_sent_at. Both are set once the broker
-- acknowledges; the relay publishes what a crash (or a refusing broker) left unset.
alter table users add column announced_at timestamptz;
update users set announced_at = created_at;
create index users_unannounced on users (created_at) where announced_at is null;

alter table sessions add column revocation_sent_at timestamptz;
update sessions set revocation_sent_at = revoked_at where revoked_at is not null;
create index sessions_revocation_unsent on sessions (revoked_at) where revoked_at is not null and revocation_sent_at is null;
