package org.progjar.chat.message;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

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
 * Direct messages: stored for the recipient, who need not be online, delivered once by inbox,
 * and pushed to the recipient's live event streams.
 * <p>
 * Sending is a {@link GroupCommit} write published as its follow-up, so messages are numbered,
 * committed and published in one order: an event stream that resumes after the last id it saw
 * misses nothing. Delivering by inbox is a write too, so two inbox calls never hand out the same
 * message.
 */
@Service
public class MessageService {

	private final DirectMessageRepository messages;

	private final UserService users;

	private final MessageSettings settings;

	private final ApplicationEventPublisher events;

	private final GroupCommit commits;

	private final Clock clock;

	MessageService(DirectMessageRepository messages, UserService users, MessageSettings settings,
			ApplicationEventPublisher events, GroupCommit commits, Clock clock) {
		this.messages = messages;
		this.users = users;
		this.settings = settings;
		this.events = events;
		this.commits = commits;
		this.clock = clock;
	}

	public DirectMessageView send(Caller caller, String destination, String text) {
		UserProfile recipient = this.users.find(destination);
		MessageText body = MessageText.of(text, this.settings);
		return this.commits.write(() -> {
			DirectMessage saved = this.messages
				.save(new DirectMessage(caller.userId(), recipient.id(), body.value(), this.clock.instant()));
			return new DirectMessageView(saved.getId(), caller.username(), caller.displayName(), recipient.username(),
					recipient.displayName(), saved.getBody(), saved.getSentAt());
		}, (view) -> this.events.publishEvent(new DirectMessageSent(recipient.id(), view)));
	}

	/**
	 * Delivers the caller's undelivered messages, oldest first, grouped by sender username in the
	 * order each sender first appears, and marks them delivered in the same transaction.
	 */
	public Map<String, List<InboxEntry>> inbox(Caller caller) {
		// Polling an empty inbox is the common case, and it need not wait for the committer.
		if (!this.messages.existsByRecipientIdAndDeliveredAtIsNull(caller.userId())) {
			return Map.of();
		}
		List<DirectMessage> delivered = this.commits.write(() -> {
			List<DirectMessage> pending = this.messages.findByRecipientIdAndDeliveredAtIsNullOrderById(caller.userId(),
					Limit.of(this.settings.inboxBatch()));
			Instant now = this.clock.instant();
			pending.forEach((message) -> message.markDelivered(now));
			return pending;
		}, (pending) -> {
			if (!pending.isEmpty()) {
				this.events.publishEvent(new InboxDelivered(caller.userId(), pending.size()));
			}
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

}
