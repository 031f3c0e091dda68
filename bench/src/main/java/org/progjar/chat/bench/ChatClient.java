package org.progjar.chat.bench;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;

/**
 * A line-protocol connection. Every request gets exactly one response, in order, so each
 * request queues what to do with its response; lines with a {@code "type"} key are events.
 */
final class ChatClient extends Client {

	private static final byte[] TYPE_KEY = Bytes.ascii(",\"type\":\"");

	private static final byte[] BROADCAST = Bytes.ascii("broadcast\"");

	private static final byte[] MESSAGES_KEY = Bytes.ascii("\"messages\":\"");

	private static final byte[] SEQ_KEY = Bytes.ascii("\"seq\":");

	private static final byte[] OK = Bytes.ascii("{\"status\":\"OK\"");

	/** Marks a request whose OK response is only checked, never waited for. */
	private static final Object UNWATCHED = new Object();

	final String token;

	/** Per request in flight: a future, a {@link ResponseHandler}, or {@link #UNWATCHED}. */
	private final ArrayDeque<Object> pending = new ArrayDeque<>();

	ChatClient(Conn conn, int user, String name, String token) {
		super(conn, user, name);
		this.token = token;
	}

	/** Sends a request and completes with its response line; from any thread. */
	CompletableFuture<String> request(String line) {
		CompletableFuture<String> response = new CompletableFuture<>();
		send(line, response);
		return response;
	}

	/** Sends a request whose response is handed over raw, on the loop thread. */
	void request(String line, ResponseHandler handler) {
		send(line, handler);
	}

	private void send(String line, Object onResponse) {
		this.conn.loop.run(() -> {
			this.pending.add(onResponse);
			this.conn.send(line + "\n");
		});
	}

	@Override
	CompletableFuture<Void> join(String room) {
		return request("room_join session=" + this.token + "&roomname=" + room).thenAccept((response) -> {
			if (!response.startsWith("{\"status\":\"OK\"")) {
				throw new IllegalStateException("room_join failed: " + response);
			}
		});
	}

	@Override
	void sendRoom(String room, String text) {
		send("room_chat session=" + this.token + "&message=" + text, UNWATCHED);
	}

	@Override
	void sendDirect(Client to, String text) {
		send("send session=" + this.token + "&destination=" + to.name + "&message=" + text, UNWATCHED);
	}

	@Override
	public void onLine(Conn conn, byte[] buf, int start, int end, long nanos) {
		int type = Bytes.indexOf(buf, start, end, TYPE_KEY);
		if (type >= 0) {
			onEvent(buf, start, end, type + TYPE_KEY.length, nanos);
			return;
		}
		Object onResponse = this.pending.poll();
		if (onResponse == null) {
			this.deliveries.onError(this, "response to no request: " + Bytes.string(buf, start, end));
		}
		else if (onResponse == UNWATCHED) {
			if (!Bytes.startsWith(buf, start, end, OK)) {
				this.deliveries.onError(this, Bytes.string(buf, start, end));
			}
		}
		else if (onResponse instanceof ResponseHandler handler) {
			handler.onResponse(this, buf, start, end, nanos);
		}
		else {
			@SuppressWarnings("unchecked")
			CompletableFuture<String> future = (CompletableFuture<String>) onResponse;
			future.complete(Bytes.string(buf, start, end));
		}
	}

	private void onEvent(byte[] buf, int start, int end, int typeValue, long nanos) {
		if (Bytes.startsWith(buf, typeValue, end, BROADCAST)) {
			int text = Bytes.indexOf(buf, start, end, MESSAGES_KEY);
			int seq = Bytes.indexOf(buf, start, end, SEQ_KEY);
			long seqValue = (seq >= 0) ? Bytes.number(buf, seq + SEQ_KEY.length, end) : -1;
			long parsed = (text >= 0) ? BenchText.parse(buf, text + MESSAGES_KEY.length, end) : -1;
			this.deliveries.onMessage(this, parsed, seqValue, nanos);
			return;
		}
		// Any other event (a pushed direct message, should the protocol get one): find our text.
		long parsed = BenchText.find(buf, start, end);
		if (parsed >= 0) {
			this.deliveries.onMessage(this, parsed, -1, nanos);
		}
	}

	@Override
	public void onClose(Conn conn, Exception cause) {
		Object onResponse;
		while ((onResponse = this.pending.poll()) != null) {
			if (onResponse instanceof CompletableFuture<?> future) {
				future.completeExceptionally(new IllegalStateException(this.name + ": connection closed", cause));
			}
		}
		super.onClose(conn, cause);
	}

	/** Gets a response line raw, on the loop thread, valid only during the call. */
	interface ResponseHandler {

		void onResponse(ChatClient client, byte[] buf, int start, int end, long nanos);

	}

}
