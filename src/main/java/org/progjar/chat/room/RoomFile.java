package org.progjar.chat.room;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/** A file shared in a room; its bytes live in the database so one backup holds everything. */
@Entity
@Table(name = "room_files")
class RoomFile {

	@Id
	@GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "room_files_seq")
	@SequenceGenerator(name = "room_files_seq", sequenceName = "room_files_seq", allocationSize = 50)
	private Long id;

	@Column(name = "room_id", nullable = false, updatable = false)
	private Long roomId;

	@Column(name = "sender_id", nullable = false, updatable = false)
	private Long senderId;

	@Column(nullable = false, updatable = false)
	private String name;

	@Column(name = "size_bytes", nullable = false, updatable = false)
	private long size;

	@Lob
	@Column(nullable = false, updatable = false)
	private byte[] content;

	@Column(name = "created_at", nullable = false, updatable = false)
	private Instant createdAt;

	protected RoomFile() {
	}

	RoomFile(long roomId, long senderId, String name, byte[] content, Instant createdAt) {
		this.roomId = roomId;
		this.senderId = senderId;
		this.name = name;
		this.size = content.length;
		this.content = content;
		this.createdAt = createdAt;
	}

	String getName() {
		return this.name;
	}

	byte[] getContent() {
		return this.content;
	}

}
