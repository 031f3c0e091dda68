package org.progjar.chat.room;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface RoomMemberRepository extends JpaRepository<RoomMember, Long> {

	@Query("""
			select u.displayName from RoomMember m, User u
			where u.id = m.userId and m.roomId = :roomId
			order by m.joinedAt, m.sessionId""")
	List<String> findMemberNames(long roomId);

}
