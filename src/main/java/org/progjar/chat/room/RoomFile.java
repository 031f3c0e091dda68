package org.progjar.chat.room;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import org.progjar.chat.file.FileBlob;
import org.progjar.chat.file.FileName;

/** A file shared in a room, under a name unique to the room. */
@Entity
@Table(name = "room_files")
class RoomFile extends FileBlob {

	@Id
	@GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "room_files_seq")
	@SequenceGenerator(name = "room_files_seq", sequenceName = "room_files_seq", allocationSize = 50)
	private Long id;

	@Column(name = "room_id", nullable = false, updatable = false)
	private Long roomId;

	protected RoomFile() {
	}

	RoomFile(long roomId, long senderId, FileName name, byte[] content, Instant createdAt) {
		super(senderId, name, content, createdAt);
		this.roomId = roomId;
	}

}
