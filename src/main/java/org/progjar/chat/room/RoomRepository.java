package org.progjar.chat.room;

import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

interface RoomRepository extends JpaRepository<Room, Long> {

	Optional<Room> findByName(String name);

}
