-- When the user's presence last changed (came online or went offline): "last seen" for offline users.
alter table users add column last_seen_at timestamptz;
