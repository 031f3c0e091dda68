package org.progjar.chat.bench;

import java.util.concurrent.CompletableFuture;

/**
 * A connection logged in as one benchmark user, on either protocol. Scenarios see only this:
 * join a room, send to the room or to another client, and hear benchmark messages through
 * {@link #deliveries}.
 */
abstract class Client implements LineHandler {

	final Conn conn;

	/** The user's index in the benchmark's user pool. */
	final int user;

	/** The name others address it by: the username, or the IRC nick. */
	final String name;

	/** The scenario's number for this client. */
	int index;

	volatile Deliveries deliveries = Deliveries.NONE;

	Client(Conn conn, int user, String name) {
		this.conn = conn;
		this.user = user;
		this.name = name;
	}

	abstract CompletableFuture<Void> join(String room);

	/** Sends a message to the room this client joined; on the client's loop thread. */
	abstract void sendRoom(String room, String text);

	/** Sends a direct message; on the client's loop thread. */
	abstract void sendDirect(Client to, String text);

	NioLoop loop() {
		return this.conn.loop;
	}

	@Override
	public void onClose(Conn conn, Exception cause) {
		this.deliveries.onError(this, "connection closed by the server" + ((cause != null) ? ": " + cause : ""));
	}

	/** Where a client reports what it receives; called on the client's loop thread. */
	interface Deliveries {

		Deliveries NONE = new Deliveries() {
			@Override
			public void onMessage(Client receiver, long text, long seq, long nanos) {
			}

			@Override
			public void onError(Client client, String problem) {
			}
		};

		/**
		 * @param text the {@link BenchText#parse parsed} benchmark text, or -1 for another room
		 * event (a join notice) that still carries a {@code seq}
		 * @param seq the room's number for the message, or -1 where the protocol has none
		 */
		void onMessage(Client receiver, long text, long seq, long nanos);

		void onError(Client client, String problem);

	}

}
