package org.progjar.chat.room;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/**
 * A chat room. Its messages are numbered in one sequence per room, the order every member sees;
 * {@link RoomSequences} counts it and writes {@code last_seq}, never this entity.
 */
@Entity
@Table(name = "rooms")
class Room {

	@Id
	@GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "rooms_seq")
	@SequenceGenerator(name = "rooms_seq", sequenceName = "rooms_seq", allocationSize = 50)
	private Long id;

	@Column(nullable = false, updatable = false)
	private String name;

	@Column(name = "last_seq", nullable = false, updatable = false)
	private long lastSeq;

	@Column(name = "created_at", nullable = false, updatable = false)
	private Instant createdAt;

	protected Room() {
	}

	Room(RoomName name, Instant createdAt) {
		this.name = name.value();
		this.createdAt = createdAt;
	}

	Long getId() {
		return this.id;
	}

	String getName() {
		return this.name;
	}

	/** The number of the newest message, 0 before the first. */
	long getLastSeq() {
		return this.lastSeq;
	}

}
