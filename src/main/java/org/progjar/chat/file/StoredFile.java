package org.progjar.chat.file;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/** A file sent to a user, kept for them under a name unique to them. */
@Entity
@Table(name = "files")
class StoredFile extends FileBlob {

	@Id
	@GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "files_seq")
	@SequenceGenerator(name = "files_seq", sequenceName = "files_seq", allocationSize = 50)
	private Long id;

	@Column(name = "recipient_id", nullable = false, updatable = false)
	private Long recipientId;

	protected StoredFile() {
	}

	StoredFile(long recipientId, long senderId, FileName name, byte[] content, Instant createdAt) {
		super(senderId, name, content, createdAt);
		this.recipientId = recipientId;
	}

}
