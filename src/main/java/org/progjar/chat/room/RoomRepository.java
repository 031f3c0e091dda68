package org.progjar.chat.room;

import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface RoomRepository extends JpaRepository<Room, Long> {

	Optional<Room> findByName(String name);

	/** The session's room, read in the same statement as the membership. */
	@Query("select r from RoomMember m join Room r on r.id = m.roomId where m.sessionId = :sessionId")
	Optional<Room> findBySessionId(long sessionId);

}
