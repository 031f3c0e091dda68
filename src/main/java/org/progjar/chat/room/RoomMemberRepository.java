package org.progjar.chat.room;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.transaction.annotation.Transactional;

interface RoomMemberRepository extends JpaRepository<RoomMember, Long> {

	@Transactional
	@Modifying
	@Query("delete from RoomMember m where m.whileConnected = true")
	int deleteConnectionBound();

	@Query("select m.roomId, count(distinct m.userId) from RoomMember m group by m.roomId")
	List<Object[]> countUsersByRoom();

	@Query("""
			select u.displayName from RoomMember m, User u
			where u.id = m.userId and m.roomId = :roomId
			order by m.joinedAt, m.sessionId""")
	List<String> findMemberNames(long roomId);

}
