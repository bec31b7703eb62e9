-- Where an attachment stands among its message's images (1 first), set with message_seq when a send carries it, so a
-- message shows its images in the order they were sent.
alter table attachments add column message_position smallint;
