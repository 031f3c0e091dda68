package org.progjar.chat.file;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/** A file sent to a user; its bytes live in the database so one backup holds everything. */
@Entity
@Table(name = "files")
class StoredFile {

	@Id
	@GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "files_seq")
	@SequenceGenerator(name = "files_seq", sequenceName = "files_seq", allocationSize = 50)
	private Long id;

	@Column(name = "recipient_id", nullable = false, updatable = false)
	private Long recipientId;

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

	protected StoredFile() {
	}

	StoredFile(long recipientId, long senderId, FileName name, byte[] content, Instant createdAt) {
		this.recipientId = recipientId;
		this.senderId = senderId;
		this.name = name.value();
		this.size = content.length;
		this.content = content;
		this.createdAt = createdAt;
	}

	FileContent toContent() {
		return new FileContent(this.name, this.content);
	}

}
