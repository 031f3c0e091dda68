package org.progjar.chat.message;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.Lock;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.progjar.chat.session.Caller;
import org.progjar.chat.support.Page;
import org.progjar.chat.support.Paged;
import org.progjar.chat.support.StripedLocks;
import org.progjar.chat.user.UserProfile;
import org.progjar.chat.user.UserService;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Direct messages: stored for the recipient, who need not be online, delivered once by inbox,
 * and pushed to the recipient's live event streams.
 * <p>
 * A recipient's lock is held from storing a message to publishing it, so one recipient's
 * messages are numbered, committed and published in the same order: an event stream that
 * resumes after the last id it saw misses nothing.
 */
@Service
public class MessageService {

	private final DirectMessageRepository messages;

	private final UserService users;

	private final MessageSettings settings;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transaction;

	private final Clock clock;

	private final StripedLocks recipientLocks = new StripedLocks(64);

	MessageService(DirectMessageRepository messages, UserService users, MessageSettings settings,
			ApplicationEventPublisher events, TransactionTemplate transaction, Clock clock) {
		this.messages = messages;
		this.users = users;
		this.settings = settings;
		this.events = events;
		this.transaction = transaction;
		this.clock = clock;
	}

	public DirectMessageView send(Caller caller, String destination, String text) {
		UserProfile recipient = this.users.find(destination);
		MessageText body = MessageText.of(text, this.settings);
		return forRecipient(recipient.id(), () -> {
			DirectMessage saved = this.messages
				.save(new DirectMessage(caller.userId(), recipient.id(), body.value(), this.clock.instant()));
			DirectMessageView view = new DirectMessageView(saved.getId(), caller.username(), caller.displayName(),
					recipient.username(), recipient.displayName(), saved.getBody(), saved.getSentAt());
			this.events.publishEvent(new DirectMessageSent(recipient.id(), view));
			return view;
		});
	}

	/**
	 * Delivers the caller's undelivered messages, oldest first, grouped by sender username in the
	 * order each sender first appears, and marks them delivered in the same transaction.
	 */
	public Map<String, List<InboxEntry>> inbox(Caller caller) {
		List<DirectMessage> delivered = forRecipient(caller.userId(), () -> {
			List<DirectMessage> committed = this.transaction.execute((status) -> {
				List<DirectMessage> pending = this.messages.findByRecipientIdAndDeliveredAtIsNullOrderById(
						caller.userId(), Limit.of(this.settings.inboxBatch()));
				Instant now = this.clock.instant();
				pending.forEach((message) -> message.markDelivered(now));
				return pending;
			});
			if (!committed.isEmpty()) {
				this.events.publishEvent(new InboxDelivered(caller.userId(), committed.size()));
			}
			return committed;
		});
		Map<String, List<InboxEntry>> bySender = new LinkedHashMap<>();
		Map<Long, UserProfile> senders = new HashMap<>();
		for (DirectMessage message : delivered) {
			UserProfile sender = senders.computeIfAbsent(message.getSenderId(), this.users::get);
			bySender.computeIfAbsent(sender.username(), (name) -> new ArrayList<>())
				.add(new InboxEntry(message.getId(), sender.username(), sender.displayName(), caller.displayName(),
						message.getBody()));
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
		List<DirectMessageView> page = views(
				this.messages.findConversation(caller.userId(), other.id(), before, Limit.of(size)));
		return Paged.of(page, size, DirectMessageView::id);
	}

	/** Messages received after an id, oldest first: what an event stream missed while away. */
	public List<DirectMessageView> receivedAfter(long recipientId, long afterId, int limit) {
		return views(this.messages.findByRecipientIdAndIdGreaterThanOrderById(recipientId, afterId, Limit.of(limit)));
	}

	/** Messages that no {@code inbox} has delivered yet, over all recipients; reads the whole table. */
	public long countUndelivered() {
		return this.messages.countByDeliveredAtIsNull();
	}

	/** The id of the newest message the recipient has received, 0 if none: where a new event stream starts. */
	public long lastReceivedId(long recipientId) {
		return this.messages.findFirstByRecipientIdOrderByIdDesc(recipientId).map(DirectMessage::getId).orElse(0L);
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

	private <T> T forRecipient(long recipientId, Supplier<T> action) {
		Lock lock = this.recipientLocks.forKey(recipientId);
		lock.lock();
		try {
			return action.get();
		}
		finally {
			lock.unlock();
		}
	}

}
