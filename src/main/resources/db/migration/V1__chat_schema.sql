-- Identifiers come from pooled sequences (increment 50) so Hibernate can batch inserts.

create sequence users_seq start with 1 increment by 50;
create table users (
    id            bigint primary key,
    username      varchar(32)  not null,
    password_hash varchar(100) not null,
    display_name  varchar(100) not null,
    nationality   varchar(100) not null,
    created_at    timestamp(6) with time zone not null,
    constraint users_username_uk unique (username)
);

-- Only a SHA-256 of each token is kept: a copy of the database does not hand out logins.
create sequence sessions_seq start with 1 increment by 50;
create table sessions (
    id           bigint primary key,
    token_hash   varbinary(32) not null,
    user_id      bigint not null references users (id),
    created_at   timestamp(6) with time zone not null,
    last_seen_at timestamp(6) with time zone not null,
    constraint sessions_token_hash_uk unique (token_hash)
);
create index sessions_last_seen_ix on sessions (last_seen_at);

create sequence direct_messages_seq start with 1 increment by 50;
create table direct_messages (
    id           bigint primary key,
    sender_id    bigint not null references users (id),
    recipient_id bigint not null references users (id),
    body         varchar(65536) not null,
    sent_at      timestamp(6) with time zone not null,
    delivered_at timestamp(6) with time zone
);
create index direct_messages_inbox_ix on direct_messages (recipient_id, delivered_at, id);
create index direct_messages_pair_ix on direct_messages (sender_id, recipient_id, id);

create sequence rooms_seq start with 1 increment by 50;
create table rooms (
    id         bigint primary key,
    name       varchar(64) not null,
    last_seq   bigint not null,
    created_at timestamp(6) with time zone not null,
    constraint rooms_name_uk unique (name)
);

-- The session is the key: a session is in at most one room.
create table room_members (
    session_id bigint primary key references sessions (id) on delete cascade,
    room_id    bigint not null references rooms (id),
    user_id    bigint not null references users (id),
    joined_at  timestamp(6) with time zone not null
);
create index room_members_room_ix on room_members (room_id);

-- sender_id is null for system notices (joins and leaves).
create sequence room_messages_seq start with 1 increment by 50;
create table room_messages (
    id        bigint primary key,
    room_id   bigint not null references rooms (id),
    seq       bigint not null,
    sender_id bigint references users (id),
    body      varchar(65536) not null,
    sent_at   timestamp(6) with time zone not null,
    constraint room_messages_seq_uk unique (room_id, seq)
);

create sequence files_seq start with 1 increment by 50;
create table files (
    id           bigint primary key,
    recipient_id bigint not null references users (id),
    sender_id    bigint not null references users (id),
    name         varchar(255) not null,
    size_bytes   bigint not null,
    content      blob not null,
    created_at   timestamp(6) with time zone not null,
    constraint files_recipient_name_uk unique (recipient_id, name)
);

create sequence room_files_seq start with 1 increment by 50;
create table room_files (
    id         bigint primary key,
    room_id    bigint not null references rooms (id),
    sender_id  bigint not null references users (id),
    name       varchar(255) not null,
    size_bytes bigint not null,
    content    blob not null,
    created_at timestamp(6) with time zone not null,
    constraint room_files_room_name_uk unique (room_id, name)
);
