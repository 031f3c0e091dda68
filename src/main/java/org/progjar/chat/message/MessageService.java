package org.progjar.chat.message;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;

import org.progjar.chat.error.ChatException;
import org.progjar.chat.message.DirectMessageWriter.Undelivered;
import org.progjar.chat.push.PushPublisher;
import org.progjar.chat.session.Caller;
import org.progjar.chat.storage.GroupCommit;
import org.progjar.chat.support.Page;
import org.progjar.chat.support.Paged;
import org.progjar.chat.user.UserProfile;
import org.progjar.chat.user.UserService;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;

/**
 * Direct messages: stored for the recipient, who need not be online, delivered once by inbox or
 * to a listening connection, and pushed to the recipient's live event streams.
 * <p>
 * Sending is a {@link GroupCommit} write published as its follow-up, so messages are numbered,
 * committed and published in one order: an event stream that resumes after the last id it saw
 * misses nothing. Delivering by inbox is a write too, so two inbox calls never hand out the same
 * message. So is starting to listen, which hands out the backlog and counts the listener in one
 * write: a message stored before it is in that backlog, one stored after it sees the listener
 * and is stored delivered, to be pushed.
 */
@Service
public class MessageService {

	private final DirectMessageRepository messages;

	private final DirectMessageWriter writer;

	private final UserService users;

	private final MessageSettings settings;

	private final ApplicationEventPublisher events;

	private final PushPublisher pushes;

	private final GroupCommit commits;

	private final InboxListeners listeners;

	private final UndeliveredMail mail;

	private final Clock clock;

	MessageService(DirectMessageRepository messages, DirectMessageWriter writer, UserService users,
			MessageSettings settings, ApplicationEventPublisher events, PushPublisher pushes, GroupCommit commits,
			InboxListeners listeners, UndeliveredMail mail, Clock clock) {
		this.messages = messages;
		this.writer = writer;
		this.users = users;
		this.settings = settings;
		this.events = events;
		this.pushes = pushes;
		this.commits = commits;
		this.listeners = listeners;
		this.mail = mail;
		this.clock = clock;
	}

	public DirectMessageView send(Caller caller, String destination, String text) {
		return GroupCommit.await(sendLater(caller, destination, text));
	}

	/**
	 * As {@link #send}, without waiting for the message to be stored.
	 * @throws ChatException at once if the recipient or the text is refused
	 */
	public CompletableFuture<DirectMessageView> sendLater(Caller caller, String destination, String text) {
		UserProfile recipient = this.users.find(destination);
		MessageText body = MessageText.of(text, this.settings);
		return this.commits.submit(() -> {
			Instant now = this.clock.instant();
			// Read here, in commit order: a listener counted now is sent the message after this commit.
			boolean delivered = this.listeners.isListening(recipient.id());
			long id = this.writer.append(caller.userId(), recipient.id(), body.value(), now, delivered);
			if (!delivered) {
				this.mail.add(recipient.id(), 1);
			}
			return new DirectMessageSent(recipient.id(), new DirectMessageView(id, caller.username(),
					caller.displayName(), recipient.username(), recipient.displayName(), body.value(), now),
					delivered);
		}, this.pushes::publish).thenApply(DirectMessageSent::message);
	}

	/**
	 * Delivers the caller's undelivered messages, oldest first, grouped by sender username in the
	 * order each sender first appears, and marks them delivered in the same transaction.
	 */
	public Map<String, List<InboxEntry>> inbox(Caller caller) {
		// Polling an empty inbox is the common case: while nothing is being stored, it asks neither
		// the committer nor the database.
		if (!this.mail.hasMail(caller.userId()) && !this.commits.isBusy()) {
			return Map.of();
		}
		// Otherwise it is answered in commit order, after the writes before it: it gets the mail
		// they store, and a client that polls in a loop under load polls once per commit instead
		// of spinning on empty answers. Nothing to publish: the mail goes to the caller.
		return bySender(caller, this.commits.write(() -> deliverPending(caller)));
	}

	/**
	 * Delivers what {@link #inbox} would, and from then on one more listener of the caller's user
	 * receives the user's direct messages as they are stored: both in one write, so that each
	 * message is either in what this returns or sent to the listener. Published
	 * ({@link InboxListenerAdded}) on the thread that carries the request's connection.
	 */
	public Map<String, List<InboxEntry>> listen(Caller caller) {
		return bySender(caller, this.commits.write(() -> {
			this.listeners.add(caller.userId());
			return deliverPending(caller);
		}, (pending) -> this.events.publishEvent(new InboxListenerAdded(caller.userId(), caller.sessionId()))));
	}

	/**
	 * One listener of the user fewer, counted in commit order: a message stored before it is
	 * still delivered to that listener, so {@code afterwards}, run once this is committed, is
	 * where the transport lets go of its connection.
	 */
	public void stopListening(long userId, Runnable afterwards) {
		this.commits.write(() -> {
			this.listeners.remove(userId);
			return userId;
		}, (id) -> afterwards.run());
	}

	/** Inside a write: the oldest undelivered messages, marked delivered; none asks no database. */
	private List<Undelivered> deliverPending(Caller caller) {
		if (!this.mail.hasMail(caller.userId())) {
			return List.of();
		}
		List<Undelivered> pending = this.writer.deliverOldest(caller.userId(), this.settings.inboxBatch());
		this.mail.add(caller.userId(), -pending.size());
		return pending;
	}

	private Map<String, List<InboxEntry>> bySender(Caller caller, List<Undelivered> delivered) {
		Map<String, List<InboxEntry>> bySender = new LinkedHashMap<>();
		Map<Long, UserProfile> senders = new HashMap<>();
		for (Undelivered message : delivered) {
			UserProfile sender = senders.computeIfAbsent(message.senderId(), this.users::get);
			bySender.computeIfAbsent(sender.username(), (name) -> new ArrayList<>())
				.add(new InboxEntry(message.id(), sender.username(), sender.displayName(), caller.displayName(),
						message.body()));
		}
		return bySender;
	}

	/**
	 * The conversation with another user, both directions, newest first, without delivering
	 * anything; {@code next} is the {@code beforeId} of the following page.
	 */
	public Paged<DirectMessageView> conversation(Caller caller, String withUsername, @Nullable Long beforeId,
			@Nullable Long limit) {
		UserProfile other = this.users.find(withUsername);
		long before = (beforeId != null) ? beforeId : Long.MAX_VALUE;
		int size = Page.size(limit);
		// The newest page of each direction, merged: the newest `size` of both are among them.
		List<DirectMessage> both = new ArrayList<>(
				this.messages.findSent(caller.userId(), other.id(), before, Limit.of(size)));
		if (other.id() != caller.userId()) {
			both.addAll(this.messages.findSent(other.id(), caller.userId(), before, Limit.of(size)));
		}
		both.sort(Comparator.comparing(DirectMessage::getId).reversed());
		List<DirectMessageView> page = views(both.subList(0, Math.min(size, both.size())));
		return Paged.of(page, size, DirectMessageView::id);
	}

	/** Messages received after an id, oldest first: what an event stream missed while away. */
	public List<DirectMessageView> receivedAfter(long recipientId, long afterId, int limit) {
		return views(this.messages.findByRecipientIdAndIdGreaterThanOrderByRecipientIdAscIdAsc(recipientId, afterId,
				Limit.of(limit)));
	}

	/** Messages that wait in an inbox now, over all recipients; counted in memory. */
	public long countUndelivered() {
		return this.mail.total();
	}

	/** The id of the newest message the recipient has received, 0 if none: where a new event stream starts. */
	public long lastReceivedId(long recipientId) {
		return this.messages.findFirstByRecipientIdOrderByRecipientIdDescIdDesc(recipientId)
			.map(DirectMessage::getId)
			.orElse(0L);
	}

	private List<DirectMessageView> views(List<DirectMessage> found) {
		Map<Long, UserProfile> people = new HashMap<>();
		return found.stream().map((message) -> {
			UserProfile from = people.computeIfAbsent(message.getSenderId(), this.users::get);
			UserProfile to = people.computeIfAbsent(message.getRecipientId(), this.users::get);
			return new DirectMessageView(message.getId(), from.username(), from.displayName(), to.username(),
					to.displayName(), message.getBody(), message.getSentAt());
		}).toList();
	}

}
