package org.progjar.chat.room;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

/** A message in a room, numbered by the room. A null sender marks a system notice. */
// Read only: RoomMessageWriter appends them, and nothing changes one.
@Entity
@Immutable
@Table(name = "room_messages")
class RoomMessage {

	@Id
	private Long id;

	@Column(name = "room_id", nullable = false, updatable = false)
	private Long roomId;

	@Column(nullable = false, updatable = false)
	private long seq;

	@Column(name = "sender_id", updatable = false)
	private Long senderId;

	@Column(nullable = false, updatable = false)
	private String body;

	@Column(name = "sent_at", nullable = false, updatable = false)
	private Instant sentAt;

	protected RoomMessage() {
	}

}
