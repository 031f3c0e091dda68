package org.progjar.chat.protocol;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import org.progjar.chat.message.DirectMessageSent;
import org.progjar.chat.message.DirectMessageView;
import org.progjar.chat.message.InboxListenerAdded;
import org.progjar.chat.message.MessageService;
import org.progjar.chat.protocol.ClientConnection.InboxListener;
import org.progjar.chat.session.SessionEnding;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The connections that listen for direct messages ({@code inbox_listen}), by user, and the
 * messages pushed to them. The message module counts each user's listeners, in commit order, and
 * stores a message as delivered when its recipient has one; this side knows which connections
 * those are. A connection joins the fan-out in the follow-up of the write that counted it and
 * leaves it in the follow-up of the write that stopped counting it, so a message stored as
 * delivered is queued on every connection that was counted when it was stored.
 */
@Component
class InboxPushes {

	private final Map<Long, Set<ClientConnection>> listening = new ConcurrentHashMap<>();

	private final ActingConnection acting;

	private final MessageService messages;

	private final ReplyEncoder encoder;

	InboxPushes(ActingConnection acting, MessageService messages, ReplyEncoder encoder) {
		this.acting = acting;
		this.messages = messages;
		this.encoder = encoder;
	}

	/**
	 * On the committer thread, in commit order: the connection the {@code inbox_listen} came
	 * through listens from now on. Each connection is counted once, for one session: a repeat, a
	 * listen with another session, or one whose connection closed meanwhile gives back a count.
	 */
	@EventListener
	void listenerAdded(InboxListenerAdded added) {
		InboxListener listener = new InboxListener(added.userId(), added.sessionId());
		ClientConnection connection = this.acting.get();
		if (connection == null) {
			// Not through a TCP connection: nothing to push to.
			this.messages.stopListening(added.userId(), () -> {
			});
			return;
		}
		@Nullable InboxListener replaced = connection.listen(listener);
		if (replaced != listener) {
			// Adding inside compute: a set is never dropped while something is added to it.
			this.listening.compute(added.userId(), (id, set) -> {
				Set<ClientConnection> connections = (set != null) ? set : ConcurrentHashMap.newKeySet();
				connections.add(connection);
				return connections;
			});
		}
		if (replaced != null) {
			unlisten(connection, replaced);
		}
	}

	/** On the committer thread, after the commit: a message stored as delivered goes to its listeners. */
	void directMessageSent(DirectMessageSent sent) {
		if (!sent.delivered()) {
			return;
		}
		@Nullable Set<ClientConnection> connections = this.listening.get(sent.recipientId());
		if (connections == null || connections.isEmpty()) {
			return;
		}
		byte[] json = this.encoder.encode(event(sent.message()));
		long queuedAt = System.nanoTime();
		for (ClientConnection connection : connections) {
			connection.send(json, queuedAt);
		}
	}

	/** A logged-out or expired session's connections stop listening with it. */
	@EventListener
	void sessionEnding(SessionEnding ending) {
		@Nullable Set<ClientConnection> connections = this.listening.get(ending.caller().userId());
		if (connections == null) {
			return;
		}
		for (ClientConnection connection : connections) {
			@Nullable InboxListener ended = connection.stopListening(ending.caller().sessionId());
			if (ended != null) {
				unlisten(connection, ended);
			}
		}
	}

	/**
	 * The connection closed. While the server shuts down it only leaves the fan-out: everyone is
	 * leaving, and a write each would hold up the shutdown.
	 */
	void closed(ClientConnection connection, boolean shuttingDown) {
		@Nullable InboxListener last = connection.closed();
		if (last == null) {
			return;
		}
		if (shuttingDown) {
			leaveFanOut(connection, last.userId());
		}
		else {
			unlisten(connection, last);
		}
	}

	/** Uncounted first, in commit order; out of the fan-out once that is committed. */
	private void unlisten(ClientConnection connection, InboxListener ended) {
		this.messages.stopListening(ended.userId(), () -> {
			// It may listen for that user again, through a newer inbox_listen.
			if (!connection.listensFor(ended.userId())) {
				leaveFanOut(connection, ended.userId());
			}
		});
	}

	private void leaveFanOut(ClientConnection connection, long userId) {
		this.listening.computeIfPresent(userId, (id, set) -> {
			set.remove(connection);
			return set.isEmpty() ? null : set;
		});
	}

	// {"status":"OK","type":"direct","id":ID,"username":U,"msg_from":NAME,"msg_to":NAME,"msg":TEXT,"sentAt":ISO}
	// msg_from, msg_to and msg as in inbox entries, so a client reads both alike.
	private static Reply event(DirectMessageView message) {
		return Reply.ok()
			.with("type", "direct")
			.with("id", message.id())
			.with("username", message.from())
			.with("msg_from", message.fromName())
			.with("msg_to", message.toName())
			.with("msg", message.message())
			.with("sentAt", message.sentAt().toString());
	}

}
