package org.progjar.chat.room;

import org.springframework.data.jpa.repository.JpaRepository;

interface RoomMessageRepository extends JpaRepository<RoomMessage, Long> {
}
