-- A direct message waits in the inbox while it has a row here, and delivering it deletes the row.
-- Most messages are pushed to a listening connection as they are stored and never wait: they used
-- to pay for a delivered_at column and an index over it all the same, (recipient_id,
-- delivered_at, id), keyed by user, so spread over many B-tree leaves that each commit rewrites
-- (see V5). Now only a message that waits pays, and delivering it deletes a row by its key where
-- it used to rewrite the message itself. Nothing read delivered_at otherwise.
create table undelivered_messages (
    message_id   bigint primary key references direct_messages (id),
    recipient_id bigint not null
);
create index undelivered_messages_recipient_ix on undelivered_messages (recipient_id, message_id);

insert into undelivered_messages (message_id, recipient_id)
    select id, recipient_id from direct_messages where delivered_at is null;

drop index direct_messages_inbox_ix;
alter table direct_messages drop column delivered_at;
