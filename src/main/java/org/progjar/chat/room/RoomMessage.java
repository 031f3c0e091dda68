package org.progjar.chat.room;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/** A message in a room, numbered by the room. A null sender marks a system notice. */
@Entity
@Table(name = "room_messages")
class RoomMessage {

	@Id
	@GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "room_messages_seq")
	@SequenceGenerator(name = "room_messages_seq", sequenceName = "room_messages_seq", allocationSize = 50)
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

	RoomMessage(long roomId, long seq, Long senderId, String body, Instant sentAt) {
		this.roomId = roomId;
		this.seq = seq;
		this.senderId = senderId;
		this.body = body;
		this.sentAt = sentAt;
	}

}
