-- Direct messages are stored with plain inserts that take one id each, like room messages
-- (see V3): an increment of 1 and a large cache.
alter sequence direct_messages_seq increment by 1 cache 4096;
