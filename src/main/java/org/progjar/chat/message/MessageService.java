package org.progjar.chat.message;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.Lock;

import org.progjar.chat.session.Caller;
import org.progjar.chat.support.StripedLocks;
import org.progjar.chat.user.UserProfile;
import org.progjar.chat.user.UserService;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** Direct messages: stored for the recipient, who need not be online, and delivered once by inbox. */
@Service
public class MessageService {

	private final DirectMessageRepository messages;

	private final UserService users;

	private final MessageSettings settings;

	private final TransactionTemplate transaction;

	private final Clock clock;

	/** Two inbox calls of one recipient must not both deliver the same message. */
	private final StripedLocks inboxLocks = new StripedLocks(64);

	MessageService(DirectMessageRepository messages, UserService users, MessageSettings settings,
			TransactionTemplate transaction, Clock clock) {
		this.messages = messages;
		this.users = users;
		this.settings = settings;
		this.transaction = transaction;
		this.clock = clock;
	}

	public SentMessage send(Caller caller, String destination, String text) {
		UserProfile recipient = this.users.find(destination);
		MessageText body = MessageText.of(text, this.settings);
		DirectMessage saved = this.messages
			.save(new DirectMessage(caller.userId(), recipient.id(), body.value(), this.clock.instant()));
		return new SentMessage(saved.getId(), caller.username(), recipient.username(), saved.getBody(),
				saved.getSentAt());
	}

	/**
	 * Delivers the caller's undelivered messages, oldest first, grouped by sender username in the
	 * order each sender first appears, and marks them delivered in the same transaction.
	 */
	public Map<String, List<InboxEntry>> inbox(Caller caller) {
		Lock lock = this.inboxLocks.forKey(caller.userId());
		lock.lock();
		try {
			List<DirectMessage> delivered = this.transaction.execute((status) -> {
				List<DirectMessage> pending = this.messages.findByRecipientIdAndDeliveredAtIsNullOrderById(
						caller.userId(), Limit.of(this.settings.inboxBatch()));
				Instant now = this.clock.instant();
				pending.forEach((message) -> message.markDelivered(now));
				return pending;
			});
			return groupBySender(caller, delivered);
		}
		finally {
			lock.unlock();
		}
	}

	private Map<String, List<InboxEntry>> groupBySender(Caller caller, List<DirectMessage> delivered) {
		Map<Long, UserProfile> senders = new HashMap<>();
		Map<String, List<InboxEntry>> bySender = new LinkedHashMap<>();
		for (DirectMessage message : delivered) {
			UserProfile sender = senders.computeIfAbsent(message.getSenderId(), this.users::get);
			bySender.computeIfAbsent(sender.username(), (name) -> new ArrayList<>())
				.add(new InboxEntry(message.getId(), sender.username(), sender.displayName(), caller.displayName(),
						message.getBody()));
		}
		return bySender;
	}

}
