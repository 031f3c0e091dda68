package org.progjar.chat.stream;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * The open streams, found by user (direct messages go to every stream of the recipient), by
 * session (its joins and leaves move its streams) and by room (broadcasts). A stream changes
 * room only under its own lock, so the room index follows its cursor.
 */
final class Subscribers {

	private final Map<Long, Set<EventSubscriber>> byUser = new ConcurrentHashMap<>();

	private final Map<Long, Set<EventSubscriber>> bySession = new ConcurrentHashMap<>();

	private final Map<Long, Set<EventSubscriber>> byRoom = new ConcurrentHashMap<>();

	/** Streams that do not know their room yet: they hear every room and keep what may concern them. */
	private final Set<EventSubscriber> catchingUp = ConcurrentHashMap.newKeySet();

	void add(EventSubscriber subscriber) {
		this.catchingUp.add(subscriber);
		add(this.byUser, subscriber.userId(), subscriber);
		add(this.bySession, subscriber.sessionId(), subscriber);
	}

	/** Added to its room before leaving the catching-up set: no broadcast can fall between the two. */
	void caughtUp(EventSubscriber subscriber, @Nullable Long roomId) {
		if (roomId != null) {
			add(this.byRoom, roomId, subscriber);
		}
		this.catchingUp.remove(subscriber);
	}

	void follow(EventSubscriber subscriber, @Nullable Long from, @Nullable Long to) {
		if (to != null) {
			add(this.byRoom, to, subscriber);
		}
		if (from != null) {
			remove(this.byRoom, from, subscriber);
		}
	}

	void remove(EventSubscriber subscriber, @Nullable Long roomId) {
		this.catchingUp.remove(subscriber);
		remove(this.byUser, subscriber.userId(), subscriber);
		remove(this.bySession, subscriber.sessionId(), subscriber);
		if (roomId != null) {
			remove(this.byRoom, roomId, subscriber);
		}
	}

	List<EventSubscriber> ofUser(long userId) {
		return copy(this.byUser.get(userId), null);
	}

	List<EventSubscriber> ofSession(long sessionId) {
		return copy(this.bySession.get(sessionId), null);
	}

	/** The room's streams, and those that may turn out to be in it; one may be listed twice. */
	List<EventSubscriber> inRoom(long roomId) {
		return copy(this.byRoom.get(roomId), this.catchingUp);
	}

	int count() {
		return this.bySession.values().stream().mapToInt(Set::size).sum();
	}

	List<EventSubscriber> all() {
		List<EventSubscriber> all = new ArrayList<>();
		this.bySession.values().forEach(all::addAll);
		return all;
	}

	private static List<EventSubscriber> copy(@Nullable Collection<EventSubscriber> first,
			@Nullable Collection<EventSubscriber> second) {
		List<EventSubscriber> copy = new ArrayList<>();
		if (first != null) {
			copy.addAll(first);
		}
		if (second != null) {
			copy.addAll(second);
		}
		return copy;
	}

	// Adding and removing inside compute: a set is never dropped while something is added to it.
	private static void add(Map<Long, Set<EventSubscriber>> index, long key, EventSubscriber subscriber) {
		index.compute(key, (id, set) -> {
			Set<EventSubscriber> subscribers = (set != null) ? set : ConcurrentHashMap.newKeySet();
			subscribers.add(subscriber);
			return subscribers;
		});
	}

	private static void remove(Map<Long, Set<EventSubscriber>> index, long key, EventSubscriber subscriber) {
		index.computeIfPresent(key, (id, set) -> {
			set.remove(subscriber);
			return set.isEmpty() ? null : set;
		});
	}

}
