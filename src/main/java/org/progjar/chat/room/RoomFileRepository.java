package org.progjar.chat.room;

import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

interface RoomFileRepository extends JpaRepository<RoomFile, Long> {

	boolean existsByRoomIdAndName(long roomId, String name);

	Optional<RoomFile> findByRoomIdAndName(long roomId, String name);

}
