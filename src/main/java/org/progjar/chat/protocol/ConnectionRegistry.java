package org.progjar.chat.protocol;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.progjar.chat.metrics.ChatMeters;
import org.progjar.chat.protocol.BufferedNetConnectionSupport.BufferedNetConnection;
import org.progjar.chat.protocol.ClientConnection.RoomSubscription;
import org.progjar.chat.room.MemberJoined;
import org.progjar.chat.room.MemberLeft;
import org.progjar.chat.room.RoomEvent;
import org.progjar.chat.room.RoomMessagePosted;
import org.progjar.chat.room.RoomService;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.integration.ip.tcp.connection.TcpConnection;
import org.springframework.integration.ip.tcp.connection.TcpConnectionCloseEvent;
import org.springframework.integration.ip.tcp.connection.TcpConnectionOpenEvent;
import org.springframework.stereotype.Component;

/**
 * The live TCP connections of both listeners and the rooms they receive. A room broadcast is
 * encoded once and queued on every subscribed connection, whichever listener it came from.
 */
@Component
class ConnectionRegistry {

	private static final Logger log = LoggerFactory.getLogger(ConnectionRegistry.class);

	/** How long a client that ended its input may take to read what is still owed to it. */
	private static final Duration REPLIES_BEFORE_CLOSE = Duration.ofSeconds(10);

	private final Map<String, ClientConnection> connections = new ConcurrentHashMap<>();

	private final Map<Long, Set<ClientConnection>> roomSubscribers = new ConcurrentHashMap<>();

	private final TcpListeners listeners;

	private final ActingConnection acting;

	private final Executor writers;

	private final RoomService rooms;

	private final ReplyEncoder encoder;

	private final TcpSettings settings;

	private final ConnectionAdmission admission;

	private final ChatMeters meters;

	private final InboxPushes inboxPushes;

	private volatile boolean shuttingDown;

	ConnectionRegistry(TcpListeners listeners, ActingConnection acting, Executor tcpWriters, RoomService rooms,
			ReplyEncoder encoder, TcpSettings settings, ConnectionAdmission admission, ChatMeters meters,
			InboxPushes inboxPushes) {
		this.listeners = listeners;
		this.acting = acting;
		this.writers = tcpWriters;
		this.rooms = rooms;
		this.encoder = encoder;
		this.settings = settings;
		this.admission = admission;
		this.meters = meters;
		this.inboxPushes = inboxPushes;
	}

	/** On the new connection's reader thread, before it reads: a refused one never gets here. */
	@EventListener
	void opened(TcpConnectionOpenEvent event) {
		TcpConnection connection = (TcpConnection) event.getSource();
		this.listeners.outboundOf(event.getConnectionFactoryName()).ifPresent((outbound) -> {
			if (!this.admission.admit(connection)) {
				return;
			}
			ClientConnection client = new ClientConnection(connection, outbound, this.writers,
					this.settings.outboundQueue(), this.settings.pipelineDepth(), this.meters);
			if (connection instanceof BufferedNetConnection net) {
				// A client that pipelined and then half-closed still gets every answer.
				net.atEndOfInput(() -> awaitRepliesBeforeClose(client));
			}
			this.connections.put(connection.getConnectionId(), client);
			log.debug("Connection {} opened on {}", connection.getConnectionId(), event.getConnectionFactoryName());
		});
	}

	private static void awaitRepliesBeforeClose(ClientConnection client) {
		try {
			if (!client.awaitReplies(REPLIES_BEFORE_CLOSE)) {
				log.debug("Connection {} ended its input and did not read its last responses", client.id());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * A closed connection takes the membership it made with it: no ghost members. Not while the
	 * server shuts down, when everyone is leaving and nobody is left to tell: start-up clears
	 * those memberships. It stops listening for direct messages too.
	 */
	@EventListener
	void closed(TcpConnectionCloseEvent event) {
		ClientConnection connection = this.connections.remove(event.getConnectionId());
		if (connection == null) {
			return;
		}
		this.admission.release(connection.address());
		RoomSubscription subscription = connection.subscription();
		if (subscription != null) {
			unsubscribe(connection);
			if (!this.shuttingDown) {
				this.rooms.leave(subscription.sessionId(), subscription.roomId());
			}
		}
		this.inboxPushes.closed(connection, this.shuttingDown);
		log.debug("Connection {} closed", event.getConnectionId());
	}

	@EventListener(ContextClosedEvent.class)
	void shuttingDown() {
		this.shuttingDown = true;
	}

	/** How many connections are open now, on both listeners. */
	int size() {
		return this.connections.size();
	}

	@Nullable ClientConnection find(String connectionId) {
		return this.connections.get(connectionId);
	}

	/** The open connections, at this moment. */
	List<ClientConnection> all() {
		return List.copyOf(this.connections.values());
	}

	/** Called in room order, so subscriptions change exactly between two broadcasts. */
	void onRoomEvent(RoomEvent event) {
		switch (event) {
			case RoomMessagePosted posted -> broadcast(posted);
			case MemberJoined joined -> subscribeActingConnection(joined);
			case MemberLeft left -> unsubscribeSession(left.roomId(), left.sessionId());
		}
	}

	private void broadcast(RoomMessagePosted posted) {
		Set<ClientConnection> subscribers = this.roomSubscribers.get(posted.roomId());
		if (subscribers == null || subscribers.isEmpty()) {
			return;
		}
		byte[] json = this.encoder.encode(Broadcasts.of(posted));
		long queuedAt = System.nanoTime();
		for (ClientConnection subscriber : subscribers) {
			subscriber.send(json, queuedAt);
		}
	}

	/**
	 * Only the connection the join came through receives the room, not every one of the session
	 * (the original client fetches files on a second connection that must not get broadcasts).
	 * A session that joins again through another connection moves its subscription there; one
	 * that joins again over HTTP takes it away from TCP.
	 */
	private void subscribeActingConnection(MemberJoined joined) {
		unsubscribeSession(joined.roomId(), joined.sessionId());
		ClientConnection connection = this.acting.get();
		if (connection == null) {
			// Joined over HTTP: no connection carries the membership now, so none may end it.
			return;
		}
		unsubscribe(connection);
		connection.subscription(new RoomSubscription(joined.roomId(), joined.sessionId()));
		// Adding and removing inside compute: a set is never dropped while something is added to it.
		this.roomSubscribers.compute(joined.roomId(), (id, set) -> {
			Set<ClientConnection> subscribers = (set != null) ? set : ConcurrentHashMap.newKeySet();
			subscribers.add(connection);
			return subscribers;
		});
	}

	private void unsubscribeSession(long roomId, long sessionId) {
		Set<ClientConnection> subscribers = this.roomSubscribers.get(roomId);
		if (subscribers == null) {
			return;
		}
		for (ClientConnection connection : subscribers) {
			RoomSubscription subscription = connection.subscription();
			if (subscription != null && subscription.sessionId() == sessionId) {
				unsubscribe(connection);
			}
		}
	}

	private void unsubscribe(ClientConnection connection) {
		RoomSubscription subscription = connection.subscription();
		if (subscription == null) {
			return;
		}
		connection.subscription(null);
		this.roomSubscribers.computeIfPresent(subscription.roomId(), (id, set) -> {
			set.remove(connection);
			return set.isEmpty() ? null : set;
		});
	}

}
