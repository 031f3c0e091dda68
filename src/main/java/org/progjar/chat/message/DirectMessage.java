package org.progjar.chat.message;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

/**
 * A message from one user to another; it waits in the inbox until {@code inbox} delivers it,
 * unless it was delivered as it was stored, to a listening connection. Read here for history
 * only: {@link DirectMessageWriter} stores it and marks it delivered.
 */
@Entity
@Immutable
@Table(name = "direct_messages")
class DirectMessage {

	/** Given by {@link DirectMessageWriter}, which stores every message. */
	@Id
	private Long id;

	@Column(name = "sender_id", nullable = false, updatable = false)
	private Long senderId;

	@Column(name = "recipient_id", nullable = false, updatable = false)
	private Long recipientId;

	@Column(nullable = false, updatable = false)
	private String body;

	@Column(name = "sent_at", nullable = false, updatable = false)
	private Instant sentAt;


	protected DirectMessage() {
	}

	Long getId() {
		return this.id;
	}

	Long getSenderId() {
		return this.senderId;
	}

	Long getRecipientId() {
		return this.recipientId;
	}

	String getBody() {
		return this.body;
	}

	Instant getSentAt() {
		return this.sentAt;
	}

}
