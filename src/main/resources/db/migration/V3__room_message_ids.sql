-- Room messages are appended with plain inserts that take one id each: an increment of 1, and a
-- large cache, because H2 writes a sequence's state with a commit of its own every time its
-- cache runs out (with the default of 32 that was one extra commit per 32 messages). A crash
-- loses at most the unused cached ids: gaps, never duplicates.
alter sequence room_messages_seq increment by 1 cache 4096;
