package org.progjar.chat.message;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.progjar.chat.storage.GroupCommit;
import org.progjar.chat.testing.ChatServer;
import org.progjar.chat.testing.ChatServer.TestUser;
import org.progjar.chat.testing.ChatServerTest;
import org.progjar.chat.testing.HeldCommitter;
import org.progjar.chat.testing.TcpClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code inbox_listen} over real sockets: the backlog comes in its answer, then every direct
 * message to the user is pushed to the listening connections as it is stored, stored as
 * delivered so that no inbox returns it again; and listening ends with the connection or the
 * session. A connection that got no event is checked by a request of its own: an event queued
 * for it before that request's answer would arrive before the answer. Like a listen, an inbox
 * that comes while writes wait is answered in commit order.
 */
@ChatServerTest
class InboxListenIntegrationTests {

	@Autowired
	ChatServer server;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	GroupCommit commits;

	@Test
	void aListenerGetsEachMessageAsItIsStoredAndNoInboxReturnsItAgain() {
		TestUser alice = this.server.newUser("alice");
		TestUser bob = this.server.newUser("bob");
		try (TcpClient listener = this.server.lineClient(); TcpClient sender = this.server.lineClient()) {
			assertThat(listener.requestOk("inbox_listen", "session", bob.token()).get("messages").isEmpty()).isTrue();

			long id = sender.requestOk("send", "session", alice.token(), "destination", bob.username(), "message",
					"halo bob & co")
				.get("id")
				.asLong();
			assertThat(waitsInInbox(id)).as("stored as delivered before the sender's OK").isFalse();

			JsonNode event = listener.nextEvent();
			assertThat(event.propertyNames()).containsExactly("status", "type", "id", "username", "msg_from", "msg_to",
					"msg", "sentAt");
			assertThat(event.get("status").asString()).isEqualTo("OK");
			assertThat(event.get("type").asString()).isEqualTo("direct");
			assertThat(event.get("id").asLong()).isEqualTo(id);
			assertThat(event.get("username").asString()).isEqualTo(alice.username());
			assertThat(event.get("msg_from").asString()).isEqualTo(alice.name());
			assertThat(event.get("msg_to").asString()).isEqualTo(bob.name());
			assertThat(event.get("msg").asString()).isEqualTo("halo bob & co");

			assertThat(listener.requestOk("inbox", "session", bob.token()).get("messages").isEmpty()).isTrue();
			assertThat(this.server.http().post("/api/inbox", bob.token(), Map.of()).json().get("messages").isEmpty())
				.isTrue();
			// Still stored, and in the conversation, with the same time
			JsonNode stored = listener.requestOk("history", "session", bob.token(), "with", alice.username())
				.get("messages")
				.get(0);
			assertThat(stored.get("id").asLong()).isEqualTo(id);
			assertThat(Instant.parse(event.get("sentAt").asString()))
				.isEqualTo(Instant.parse(stored.get("sentAt").asString()));
			assertThat(listener.pendingEvents()).isZero();
		}
	}

	/** As with room_chat, the push to the sender's own listening connection comes before its OK. */
	@Test
	void aMessageToOneselfComesBeforeTheOkOnTheListeningConnection() {
		TestUser bob = this.server.newUser("bob");
		try (TcpClient client = this.server.lineClient()) {
			client.requestOk("inbox_listen", "session", bob.token());
			client.send("send " + TcpClient.form("session", bob.token(), "destination", bob.username(), "message", "note"));

			JsonNode event = client.read();
			JsonNode ok = client.read();

			assertThat(event.get("type").asString()).isEqualTo("direct");
			assertThat(event.get("msg").asString()).isEqualTo("note");
			assertThat(ok.has("type")).isFalse();
			assertThat(ok.get("message").asString()).isEqualTo("Message Sent");
			assertThat(ok.get("id").asLong()).isEqualTo(event.get("id").asLong());
		}
	}

	@Test
	void withoutAListenerMessagesWaitInTheInboxAndNobodyElseIsSentThem() {
		TestUser alice = this.server.newUser("alice");
		TestUser bob = this.server.newUser("bob");
		TestUser dave = this.server.newUser("dave");
		try (TcpClient bobsConnection = this.server.lineClient(); TcpClient davesListener = this.server.lineClient()) {
			bobsConnection.requestOk("inbox", "session", bob.token());
			davesListener.requestOk("inbox_listen", "session", dave.token());

			long id = bobsConnection
				.requestOk("send", "session", alice.token(), "destination", bob.username(), "message", "for bob")
				.get("id")
				.asLong();

			assertThat(waitsInInbox(id)).isTrue();
			JsonNode inbox = bobsConnection.requestOk("inbox", "session", bob.token()).get("messages");
			assertThat(texts(inbox.get(alice.username()))).containsExactly("for bob");
			assertThat(bobsConnection.pendingEvents()).isZero();
			davesListener.requestOk("inbox", "session", dave.token());
			assertThat(davesListener.pendingEvents()).isZero();
		}
	}

	@Test
	void theBacklogComesWithTheAnswerAsInboxGivesItThenMessagesArePushed() {
		TestUser alice = this.server.newUser("alice");
		TestUser carol = this.server.newUser("carol");
		TestUser bob = this.server.newUser("bob");
		try (TcpClient sender = this.server.lineClient(); TcpClient listener = this.server.lineClient()) {
			sender.requestOk("send", "session", alice.token(), "destination", bob.username(), "message", "one");
			sender.requestOk("send", "session", carol.token(), "destination", bob.username(), "message", "two");
			sender.requestOk("send", "session", alice.token(), "destination", bob.username(), "message", "three");

			JsonNode backlog = listener.requestOk("inbox_listen", "session", bob.token()).get("messages");

			assertThat(backlog.propertyNames()).containsExactly(alice.username(), carol.username());
			assertThat(texts(backlog.get(alice.username()))).containsExactly("one", "three");
			assertThat(texts(backlog.get(carol.username()))).containsExactly("two");
			JsonNode entry = backlog.get(carol.username()).get(0);
			assertThat(entry.propertyNames()).containsExactly("msg_from", "msg_to", "msg", "id");
			assertThat(entry.get("msg_from").asString()).isEqualTo(carol.name());
			assertThat(entry.get("msg_to").asString()).isEqualTo(bob.name());
			assertThat(waitsInInbox(entry.get("id").asLong())).isFalse();

			sender.requestOk("send", "session", carol.token(), "destination", bob.username(), "message", "four");
			assertThat(listener.nextEvent().get("msg").asString()).isEqualTo("four");
			assertThat(listener.requestOk("inbox", "session", bob.token()).get("messages").isEmpty()).isTrue();
		}
	}

	/**
	 * Senders keep sending while the recipient starts listening: each message is either in the
	 * backlog or pushed, once, and each sender's messages arrive in the order sent.
	 */
	@Test
	void sendsRacingWithInboxListenAreEachInTheBacklogOrPushedOnceInOrder() throws Exception {
		int senders = 8;
		int each = 40;
		TestUser carol = this.server.newUser("carol");
		List<TestUser> racers = IntStream.range(0, senders).mapToObj((i) -> this.server.newUser("racer")).toList();
		CountDownLatch underway = new CountDownLatch(senders);
		try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
				TcpClient listener = this.server.lineClient()) {
			List<Future<?>> sending = new ArrayList<>();
			for (TestUser racer : racers) {
				sending.add(pool.submit(() -> {
					try (TcpClient client = this.server.lineClient()) {
						for (int i = 0; i < each; i++) {
							client.requestOk("send", "session", racer.token(), "destination", carol.username(), "message",
									Integer.toString(i));
							if (i == each / 4) {
								underway.countDown();
							}
						}
					}
					return null;
				}));
			}
			assertThat(underway.await(1, TimeUnit.MINUTES)).isTrue();

			JsonNode backlog = listener.requestOk("inbox_listen", "session", carol.token()).get("messages");
			for (Future<?> done : sending) {
				done.get(2, TimeUnit.MINUTES);
			}
			// Sent after every racer's last OK, so pushed after all their pushes.
			TestUser last = this.server.newUser("last");
			try (TcpClient client = this.server.lineClient()) {
				client.requestOk("send", "session", last.token(), "destination", carol.username(), "message", "end");
			}

			Map<String, List<String>> received = new HashMap<>();
			backlog.propertyNames()
				.forEach((sender) -> received.computeIfAbsent(sender, (s) -> new ArrayList<>())
					.addAll(texts(backlog.get(sender))));
			JsonNode event;
			while (!(event = listener.nextEvent()).get("username").asString().equals(last.username())) {
				received.computeIfAbsent(event.get("username").asString(), (s) -> new ArrayList<>())
					.add(event.get("msg").asString());
			}
			List<String> all = IntStream.range(0, each).mapToObj(Integer::toString).toList();
			for (TestUser racer : racers) {
				assertThat(received.get(racer.username())).as("from %s", racer.username()).isEqualTo(all);
			}
			assertThat(received).hasSize(senders);
			assertThat(listener.requestOk("inbox", "session", carol.token()).get("messages").isEmpty()).isTrue();
			assertThat(listener.pendingEvents()).isZero();
		}
	}

	/**
	 * The committer is held while three sends, the inbox_listen and three more sends queue up
	 * behind it, so that they commit together in that order: the listen's answer has exactly the
	 * first three, and the last three are pushed.
	 */
	@Test
	void theSendsOfTheListensOwnCommitAreSplitExactlyWhereItStands() throws Exception {
		TestUser carol = this.server.newUser("carol");
		TestUser alice = this.server.newUser("alice");
		List<TcpClient> senders = IntStream.range(0, 6).mapToObj((i) -> this.server.lineClient()).toList();
		try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
				TcpClient listener = this.server.lineClient();
				HeldCommitter committer = HeldCommitter.hold(this.commits, pool)) {
			List<Future<JsonNode>> sends = new ArrayList<>();
			Future<JsonNode> listening = null;
			for (int i = 0; i < 6; i++) {
				if (i == 3) {
					listening = pool.submit(() -> listener.requestOk("inbox_listen", "session", carol.token()));
					committer.awaitQueued(i + 1);
				}
				TcpClient sender = senders.get(i);
				String text = Integer.toString(i);
				sends.add(pool.submit(() -> sender.requestOk("send", "session", alice.token(), "destination",
						carol.username(), "message", text)));
				committer.awaitQueued((i < 3) ? i + 1 : i + 2);
			}
			committer.release();

			JsonNode backlog = listening.get(1, TimeUnit.MINUTES).get("messages");
			for (Future<JsonNode> sent : sends) {
				sent.get(1, TimeUnit.MINUTES);
			}
			assertThat(texts(backlog.get(alice.username()))).containsExactly("0", "1", "2");
			assertThat(undelivered(carol)).as("sends stored after the listen, in its commit, are delivered").isZero();
			List<String> pushed = new ArrayList<>();
			for (int i = 0; i < 3; i++) {
				pushed.add(listener.nextEvent().get("msg").asString());
			}
			assertThat(pushed).containsExactly("3", "4", "5");
			assertThat(listener.requestOk("inbox", "session", carol.token()).get("messages").isEmpty()).isTrue();
			assertThat(listener.pendingEvents()).isZero();
		}
		finally {
			senders.forEach(TcpClient::close);
		}
	}

	/**
	 * While writes wait for the committer, an inbox is answered after them: a send that got there
	 * first is in its answer, though it was not stored yet when the inbox arrived.
	 */
	@Test
	void anInboxWhileSendsWaitToBeStoredIsAnsweredAfterThemWithTheirMessages() throws Exception {
		TestUser dave = this.server.newUser("dave");
		TestUser alice = this.server.newUser("alice");
		try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
				TcpClient sender = this.server.lineClient();
				TcpClient poller = this.server.lineClient();
				HeldCommitter committer = HeldCommitter.hold(this.commits, pool)) {
			Future<JsonNode> sent = pool.submit(() -> sender.requestOk("send", "session", alice.token(), "destination",
					dave.username(), "message", "queued first"));
			committer.awaitQueued(1);
			Future<JsonNode> inbox = pool.submit(() -> poller.requestOk("inbox", "session", dave.token()));
			committer.awaitQueued(2);
			committer.release();
			sent.get(1, TimeUnit.MINUTES);
			assertThat(texts(inbox.get(1, TimeUnit.MINUTES).get("messages").get(alice.username())))
				.containsExactly("queued first");
			assertThat(undelivered(dave)).isZero();
		}
	}

	/**
	 * A write that fails takes its batch down, and the listen in it is run again alone: counted
	 * twice, the user would still have a listener after the connection closed, and messages would
	 * be stored as delivered to nobody.
	 */
	@Test
	void aListenRunAgainAfterItsBatchFailedIsCountedOnce() throws Exception {
		TestUser alice = this.server.newUser("alice");
		TestUser bob = this.server.newUser("bob");
		try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
				TcpClient sender = this.server.lineClient()) {
			try (TcpClient listener = this.server.lineClient();
					HeldCommitter committer = HeldCommitter.hold(this.commits, pool)) {
				Future<JsonNode> listening = pool
					.submit(() -> listener.requestOk("inbox_listen", "session", bob.token()));
				committer.awaitQueued(1);
				Future<?> failing = pool.submit(() -> this.commits.write(() -> {
					throw new IllegalStateException("a write that fails its batch");
				}, (never) -> {
				}));
				committer.awaitQueued(2);
				committer.release();
				assertThat(failing).failsWithin(Duration.ofMinutes(1));
				listening.get(1, TimeUnit.MINUTES);

				sender.requestOk("send", "session", alice.token(), "destination", bob.username(), "message", "live");
				assertThat(listener.nextEvent().get("msg").asString()).isEqualTo("live");
			}
			awaitMessagesWaitInTheInbox(sender, alice, bob);
		}
	}

	@Test
	void everyListeningConnectionOfTheUserGetsTheMessageOverEitherFraming() {
		TestUser alice = this.server.newUser("alice");
		TestUser bob = this.server.newUser("bob");
		String bobElsewhere = login(bob);
		String text = "long enough to take two blocks: " + "x".repeat(1500);
		try (TcpClient line = this.server.lineClient(); TcpClient legacy = this.server.legacyClient();
				TcpClient notListening = this.server.lineClient(); TcpClient sender = this.server.lineClient()) {
			line.requestOk("inbox_listen", "session", bob.token());
			legacy.requestOk("inbox_listen", "session", bobElsewhere);
			notListening.requestOk("inbox", "session", bob.token());

			long id = sender.requestOk("send", "session", alice.token(), "destination", bob.username(), "message", text)
				.get("id")
				.asLong();

			for (TcpClient listener : List.of(line, legacy)) {
				JsonNode event = listener.nextEvent();
				assertThat(event.get("id").asLong()).isEqualTo(id);
				assertThat(event.get("msg").asString()).isEqualTo(text);
			}
			notListening.requestOk("inbox", "session", bob.token());
			assertThat(notListening.pendingEvents()).isZero();
		}
	}

	/** Both kinds of events share the connection's one queue, in the order they were committed. */
	@Test
	void aListenerInARoomGetsRoomAndDirectEventsInOneOrder() {
		TestUser alice = this.server.newUser("alice");
		TestUser bob = this.server.newUser("bob");
		String room = ChatServer.uniqueName("dm-and-room");
		try (TcpClient bobs = this.server.legacyClient(); TcpClient alices = this.server.lineClient()) {
			bobs.requestOk("room_join", "session", bob.token(), "roomname", room);
			bobs.requestOk("inbox_listen", "session", bob.token());
			alices.requestOk("room_join", "session", alice.token(), "roomname", room);
			alices.requestOk("send", "session", alice.token(), "destination", bob.username(), "message", "direct one");
			alices.requestOk("room_chat", "session", alice.token(), "message", "to the room");
			alices.requestOk("send", "session", alice.token(), "destination", bob.username(), "message", "direct two");

			List<String> events = new ArrayList<>();
			for (int i = 0; i < 4; i++) {
				JsonNode event = bobs.nextEvent();
				String type = event.get("type").asString();
				events.add(type + ": " + event.get(type.equals("direct") ? "msg" : "messages").asString());
			}
			assertThat(events).containsExactly("broadcast: " + alice.name() + " joined the room", "direct: direct one",
					"broadcast: to the room", "direct: direct two");
		}
	}

	@Test
	void afterTheListeningConnectionClosesMessagesWaitInTheInboxAgain() {
		TestUser alice = this.server.newUser("alice");
		TestUser bob = this.server.newUser("bob");
		try (TcpClient sender = this.server.lineClient()) {
			try (TcpClient listener = this.server.lineClient()) {
				listener.requestOk("inbox_listen", "session", bob.token());
				sender.requestOk("send", "session", alice.token(), "destination", bob.username(), "message", "pushed");
				assertThat(listener.nextEvent().get("msg").asString()).isEqualTo("pushed");
			}
			awaitMessagesWaitInTheInbox(sender, alice, bob);

			sender.requestOk("send", "session", alice.token(), "destination", bob.username(), "message", "waits");
			assertThat(texts(sender.requestOk("inbox", "session", bob.token()).get("messages").get(alice.username())))
				.containsExactly("waits");
		}
	}

	/** Returns the then-backlog, stays a listener, is sent each message once, and counts once. */
	@Test
	void aSecondInboxListenOnTheSameConnectionIsHarmless() {
		TestUser alice = this.server.newUser("alice");
		TestUser bob = this.server.newUser("bob");
		try (TcpClient sender = this.server.lineClient()) {
			try (TcpClient listener = this.server.lineClient()) {
				listener.requestOk("inbox_listen", "session", bob.token());
				sender.requestOk("send", "session", alice.token(), "destination", bob.username(), "message", "first");
				assertThat(listener.requestOk("inbox_listen", "session", bob.token()).get("messages").isEmpty()).isTrue();
				assertThat(listener.nextEvent().get("msg").asString()).isEqualTo("first");

				sender.requestOk("send", "session", alice.token(), "destination", bob.username(), "message", "second");
				assertThat(listener.nextEvent().get("msg").asString()).isEqualTo("second");
				listener.requestOk("inbox", "session", bob.token());
				assertThat(listener.pendingEvents()).isZero();
			}
			// Counted twice, it would still be counted after its close, and messages would go nowhere.
			awaitMessagesWaitInTheInbox(sender, alice, bob);
		}
	}

	@Test
	void logoutEndsTheListeningOfThatSessionOnly() {
		TestUser alice = this.server.newUser("alice");
		TestUser bob = this.server.newUser("bob");
		String bobElsewhere = login(bob);
		try (TcpClient first = this.server.lineClient(); TcpClient second = this.server.legacyClient();
				TcpClient sender = this.server.lineClient()) {
			first.requestOk("inbox_listen", "session", bob.token());
			second.requestOk("inbox_listen", "session", bobElsewhere);

			first.requestOk("logout", "session", bob.token());
			sender.requestOk("send", "session", alice.token(), "destination", bob.username(), "message", "to the other");

			assertThat(second.nextEvent().get("msg").asString()).isEqualTo("to the other");
			assertThat(first.requestError("inbox", "session", bob.token()).get("code").asString())
				.isEqualTo("INVALID_SESSION");
			assertThat(first.pendingEvents()).isZero();

			sender.requestOk("logout", "session", bobElsewhere);
			sender.requestOk("send", "session", alice.token(), "destination", bob.username(), "message", "kept");

			String bobAgain = login(bob);
			assertThat(texts(sender.requestOk("inbox", "session", bobAgain).get("messages").get(alice.username())))
				.containsExactly("kept");
			second.request("inbox", "session", bobElsewhere);
			assertThat(second.pendingEvents()).isZero();
		}
	}

	/** Probes until one stays in the inbox: the server takes the close in its own time. */
	private static void awaitMessagesWaitInTheInbox(TcpClient client, TestUser from, TestUser to) {
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
			client.requestOk("send", "session", from.token(), "destination", to.username(), "message", "probe");
			assertThat(client.requestOk("inbox", "session", to.token()).get("messages").isEmpty()).isFalse();
		});
	}

	private String login(TestUser user) {
		try (TcpClient client = this.server.lineClient()) {
			return client.requestOk("auth", "username", user.username(), "password", "password123")
				.get("tokenid")
				.asString();
		}
	}

	private boolean waitsInInbox(long id) {
		return this.jdbc.queryForObject("select count(*) from undelivered_messages where message_id = ?", Integer.class,
				id) > 0;
	}

	private long undelivered(TestUser recipient) {
		return this.jdbc.queryForObject("""
				select count(*) from undelivered_messages m join users u on u.id = m.recipient_id
				where u.username = ?""", Long.class, recipient.username());
	}

	private static List<String> texts(JsonNode entries) {
		return entries.values().stream().map((entry) -> entry.get("msg").asString()).toList();
	}

}
