package org.progjar.chat.room;

import java.util.List;

import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface RoomMessageRepository extends JpaRepository<RoomMessage, Long> {

	/**
	 * A room's messages after a number, oldest first, with their senders (none for notices).
	 * Ordered by the whole {@code (room_id, seq)} index, so that H2 reads the page in index order
	 * and stops at the limit: ordered by {@code seq} alone it read every message after the
	 * number and sorted them, a whole room's history for a page from its start.
	 */
	@Query("""
			select new org.progjar.chat.room.RoomMessageRow(m.seq, m.body, m.sentAt, u.username, u.displayName)
			from RoomMessage m left join User u on u.id = m.senderId
			where m.roomId = :roomId and m.seq > :afterSeq order by m.roomId, m.seq""")
	List<RoomMessageRow> findAfter(long roomId, long afterSeq, Limit limit);

}
