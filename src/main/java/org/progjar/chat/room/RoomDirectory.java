package org.progjar.chat.room;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import org.jspecify.annotations.Nullable;

import org.progjar.chat.session.Caller;
import org.progjar.chat.support.Page;
import org.progjar.chat.support.Paged;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;

/** What can be read about rooms: the list, who is in one, and its history. */
@Service
public class RoomDirectory {

	private final RoomRepository rooms;

	private final RoomMemberRepository members;

	private final RoomMessageRepository messages;

	private final Memberships memberships;

	RoomDirectory(RoomRepository rooms, RoomMemberRepository members, RoomMessageRepository messages,
			Memberships memberships) {
		this.rooms = rooms;
		this.members = members;
		this.messages = messages;
		this.memberships = memberships;
	}

	/** Every room, by name, with how many users are in it now. */
	public List<RoomSummary> rooms() {
		Map<Long, Long> counts = new HashMap<>();
		for (Object[] row : this.members.countUsersByRoom()) {
			counts.put((Long) row[0], (Long) row[1]);
		}
		return this.rooms.findAll(Sort.by("name"))
			.stream()
			.map((room) -> new RoomSummary(room.getName(), counts.getOrDefault(room.getId(), 0L)))
			.toList();
	}

	/** Display names of the users in the room, each once, in the order they came. */
	public List<String> members(String roomName) {
		Room room = this.memberships.named(roomName);
		return new ArrayList<>(new LinkedHashSet<>(this.members.findMemberNames(room.getId())));
	}

	/** The room's messages after {@code afterSeq}, oldest first; for its members only. */
	public Paged<RoomMessagePosted> history(Caller caller, String roomName, @Nullable Long afterSeq,
			@Nullable Long limit) {
		Room room = this.memberships.requireMemberOf(caller, roomName);
		int size = Page.size(limit);
		List<RoomMessagePosted> page = after(room, (afterSeq != null) ? afterSeq : 0, size);
		return Paged.of(page, size, RoomMessagePosted::seq);
	}

	/** For replaying to a member that was away: no membership check, the caller has done it. */
	public List<RoomMessagePosted> after(long roomId, long afterSeq, int limit) {
		return this.rooms.findById(roomId).map((room) -> after(room, afterSeq, limit)).orElse(List.of());
	}

	/** The room the caller is in now, if any, with its id for replay. */
	public Optional<RoomRef> currentRoom(Caller caller) {
		OptionalLong roomId = this.memberships.roomOf(caller.sessionId());
		return roomId.isPresent() ? this.rooms.findById(roomId.getAsLong()).map((room) -> new RoomRef(room.getId(), room.getName()))
				: Optional.empty();
	}

	/**
	 * The room the caller is in now and its newest message number, read in one statement so that
	 * the number belongs to the membership: where an event stream starts.
	 */
	public Optional<RoomPosition> position(Caller caller) {
		return this.rooms.findBySessionId(caller.sessionId())
			.map((room) -> new RoomPosition(room.getId(), room.getName(), room.getLastSeq()));
	}

	/** The room's newest message number now, 0 before the first (or for no such room). */
	public long lastSeq(long roomId) {
		return this.rooms.findById(roomId).map(Room::getLastSeq).orElse(0L);
	}

	private List<RoomMessagePosted> after(Room room, long afterSeq, int limit) {
		return this.messages.findAfter(room.getId(), afterSeq, Limit.of(limit))
			.stream()
			.map((row) -> row.in(room.getId(), room.getName()))
			.toList();
	}

	/** A room's identity. */
	public record RoomRef(long id, String name) {
	}

	/** A room and the number of its newest message at the time it was read. */
	public record RoomPosition(long id, String name, long lastSeq) {
	}

}
