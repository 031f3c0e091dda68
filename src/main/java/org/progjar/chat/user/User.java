package org.progjar.chat.user;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/** A registered account. The password is only ever held as a BCrypt hash. */
@Entity
@Table(name = "users")
public class User {

	@Id
	@GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "users_seq")
	@SequenceGenerator(name = "users_seq", sequenceName = "users_seq", allocationSize = 50)
	private Long id;

	@Column(nullable = false, updatable = false)
	private String username;

	@Column(name = "password_hash", nullable = false)
	private String passwordHash;

	@Column(name = "display_name", nullable = false)
	private String displayName;

	@Column(nullable = false)
	private String nationality;

	@Column(name = "created_at", nullable = false, updatable = false)
	private Instant createdAt;

	protected User() {
	}

	User(Username username, String passwordHash, String displayName, String nationality, Instant createdAt) {
		this.username = username.value();
		this.passwordHash = passwordHash;
		this.displayName = displayName;
		this.nationality = nationality;
		this.createdAt = createdAt;
	}

	public Long getId() {
		return this.id;
	}

	public String getUsername() {
		return this.username;
	}

	String getPasswordHash() {
		return this.passwordHash;
	}

	public String getDisplayName() {
		return this.displayName;
	}

	public String getNationality() {
		return this.nationality;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

	public UserProfile toProfile() {
		return new UserProfile(this.id, this.username, this.displayName, this.nationality);
	}

}
