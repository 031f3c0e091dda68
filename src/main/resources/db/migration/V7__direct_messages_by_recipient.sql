-- Reads by recipient (where an event stream starts, and what it missed while away) went through
-- the recipient foreign key's index, (recipient_id). H2 does not read that index as ordered by
-- id within a recipient, so each of them read all of the recipient's messages: 24,001 rows for
-- one of 24,000 messages. An index on (recipient_id, id), read in that order, reads one row, or
-- one page.
--
-- H2 keeps an index of exactly (recipient_id) for the foreign key whatever else exists (see
-- V5), so the key goes and the new index takes its place: each message still updates three
-- indexes. As with the keys V5 dropped, users are never deleted and the recipient's id comes
-- from the row the server has just read.
execute immediate 'alter table direct_messages drop constraint ' || (
    select quote_ident(k.constraint_name)
    from information_schema.key_column_usage k
    join information_schema.referential_constraints r
        on r.constraint_schema = k.constraint_schema and r.constraint_name = k.constraint_name
    where k.table_name = 'DIRECT_MESSAGES' and k.column_name = 'RECIPIENT_ID');

create index direct_messages_recipient_ix on direct_messages (recipient_id, id);
