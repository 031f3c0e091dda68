package org.progjar.chat.room;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A session's presence in a room. Keyed by session: a session is in at most one room. */
@Entity
@Table(name = "room_members")
class RoomMember {

	@Id
	@Column(name = "session_id")
	private Long sessionId;

	@Column(name = "room_id", nullable = false)
	private Long roomId;

	@Column(name = "user_id", nullable = false, updatable = false)
	private Long userId;

	@Column(name = "joined_at", nullable = false)
	private Instant joinedAt;

	@Column(name = "while_connected", nullable = false)
	private boolean whileConnected;

	protected RoomMember() {
	}

	RoomMember(long sessionId, long roomId, long userId, Instant joinedAt, Attendance attendance) {
		this.sessionId = sessionId;
		this.roomId = roomId;
		this.userId = userId;
		this.joinedAt = joinedAt;
		this.whileConnected = attendance == Attendance.WHILE_CONNECTED;
	}

	Long getSessionId() {
		return this.sessionId;
	}

	Long getRoomId() {
		return this.roomId;
	}

	Long getUserId() {
		return this.userId;
	}

	/** Joining another room is leaving this one and joining that one in the same breath. */
	void moveTo(long roomId, Instant joinedAt, Attendance attendance) {
		this.roomId = roomId;
		this.joinedAt = joinedAt;
		attend(attendance);
	}

	/** Joining the same room again keeps the place but takes the newer join's attendance. */
	void attend(Attendance attendance) {
		this.whileConnected = attendance == Attendance.WHILE_CONNECTED;
	}

}
