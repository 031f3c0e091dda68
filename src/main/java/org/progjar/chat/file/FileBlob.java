package org.progjar.chat.file;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Lob;
import jakarta.persistence.MappedSuperclass;

/**
 * What every stored file has, whoever it was sent to: a name, the bytes, the sender and the
 * time. The bytes live in the database so that one backup holds everything.
 */
@MappedSuperclass
public abstract class FileBlob {

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

	protected FileBlob() {
	}

	protected FileBlob(long senderId, FileName name, byte[] content, Instant createdAt) {
		this.senderId = senderId;
		this.name = name.value();
		this.size = content.length;
		this.content = content;
		this.createdAt = createdAt;
	}

	public FileContent toContent() {
		return new FileContent(this.name, this.content);
	}

}
