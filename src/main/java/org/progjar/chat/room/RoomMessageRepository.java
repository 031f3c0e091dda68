package org.progjar.chat.room;

import java.util.List;

import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface RoomMessageRepository extends JpaRepository<RoomMessage, Long> {

	/** A room's messages after a number, oldest first, with their senders (none for notices). */
	@Query("""
			select new org.progjar.chat.room.RoomMessageRow(m.seq, m.body, m.sentAt, u.username, u.displayName)
			from RoomMessage m left join User u on u.id = m.senderId
			where m.roomId = :roomId and m.seq > :afterSeq order by m.seq""")
	List<RoomMessageRow> findAfter(long roomId, long afterSeq, Limit limit);

}
