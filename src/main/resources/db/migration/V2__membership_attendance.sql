-- A membership made over a TCP connection ends with that connection (and so at a restart);
-- one made over HTTP stays until the session leaves, logs out or expires.
alter table room_members add column while_connected boolean default true not null;
