package org.progjar.chat.session;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/** A login. It lives until logout or until it has been idle for longer than the configured time. */
@Entity
@Table(name = "sessions")
class Session {

	@Id
	@GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "sessions_seq")
	@SequenceGenerator(name = "sessions_seq", sequenceName = "sessions_seq", allocationSize = 50)
	private Long id;

	@Column(name = "token_hash", nullable = false, updatable = false)
	private byte[] tokenHash;

	@Column(name = "user_id", nullable = false, updatable = false)
	private Long userId;

	@Column(name = "created_at", nullable = false, updatable = false)
	private Instant createdAt;

	@Column(name = "last_seen_at", nullable = false)
	private Instant lastSeenAt;

	protected Session() {
	}

	Session(byte[] tokenHash, long userId, Instant now) {
		this.tokenHash = tokenHash;
		this.userId = userId;
		this.createdAt = now;
		this.lastSeenAt = now;
	}

	Long getId() {
		return this.id;
	}

	Long getUserId() {
		return this.userId;
	}

	byte[] getTokenHash() {
		return this.tokenHash;
	}

	Instant getLastSeenAt() {
		return this.lastSeenAt;
	}

}
