-- H2 gives every foreign key an index of exactly its columns, even where another index starts
-- with them, and every message insert then updates that index too. With the group commit, the
-- cost of a commit is the B-tree leaves it rewrites, and an index keyed by user or room spreads a
-- batch over many leaves: each index of that kind is a large share of what storing a message
-- costs (docs/performance.md, "Indexes a message pays for").
--
-- So a message table keeps a foreign key only where its index is also read: direct_messages'
-- recipient (inbox, event streams). The others go, with their indexes: users and rooms are
-- never deleted, and the ids stored come from rows the server has just read. Reads by room use
-- room_messages_seq_uk and reads by sender use direct_messages_pair_ix, as before.
--
-- V1 declared these keys without names, so each is looked up by its column.
execute immediate 'alter table direct_messages drop constraint ' || (
    select quote_ident(k.constraint_name)
    from information_schema.key_column_usage k
    join information_schema.referential_constraints r
        on r.constraint_schema = k.constraint_schema and r.constraint_name = k.constraint_name
    where k.table_name = 'DIRECT_MESSAGES' and k.column_name = 'SENDER_ID');

execute immediate 'alter table room_messages drop constraint ' || (
    select quote_ident(k.constraint_name)
    from information_schema.key_column_usage k
    join information_schema.referential_constraints r
        on r.constraint_schema = k.constraint_schema and r.constraint_name = k.constraint_name
    where k.table_name = 'ROOM_MESSAGES' and k.column_name = 'SENDER_ID');

execute immediate 'alter table room_messages drop constraint ' || (
    select quote_ident(k.constraint_name)
    from information_schema.key_column_usage k
    join information_schema.referential_constraints r
        on r.constraint_schema = k.constraint_schema and r.constraint_name = k.constraint_name
    where k.table_name = 'ROOM_MESSAGES' and k.column_name = 'ROOM_ID');
