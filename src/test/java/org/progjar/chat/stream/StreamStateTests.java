package org.progjar.chat.stream;

import org.junit.jupiter.api.Test;

import org.progjar.chat.stream.StreamState.Event;
import org.progjar.chat.stream.StreamUpdate.DirectMessage;
import org.progjar.chat.stream.StreamUpdate.Joined;
import org.progjar.chat.stream.StreamUpdate.Left;
import org.progjar.chat.stream.StreamUpdate.RoomMessage;

import static org.assertj.core.api.Assertions.assertThat;

class StreamStateTests {

	private static final long A = 1;

	private static final long B = 2;

	@Test
	void directMessagesPastTheCursorOnly() {
		StreamState state = new StreamState(new StreamCursor(10, null));
		assertThat(state.apply(new DirectMessage(10, "{}"))).isNull();
		assertThat(state.apply(new DirectMessage(12, "{\"id\":12}"))).isEqualTo(new Event("message", "12", "{\"id\":12}"));
		assertThat(state.apply(new DirectMessage(11, "{}"))).isNull();
	}

	@Test
	void roomMessagesOfTheCursorsRoomPastItsNumberOnly() {
		StreamState state = new StreamState(new StreamCursor(3, null).in(A, 5));
		assertThat(state.apply(new RoomMessage(B, 9, "{}"))).isNull();
		assertThat(state.apply(new RoomMessage(A, 5, "{}"))).isNull();
		assertThat(state.apply(new RoomMessage(A, 6, "{}"))).isEqualTo(new Event("broadcast", "3-1.6", "{}"));
	}

	@Test
	void theRoomFollowsJoinsAndLeaves() {
		StreamState state = new StreamState(new StreamCursor(0, null).in(A, 5));
		assertThat(state.apply(new Joined(A, 5, "{}"))).as("already there").isNull();
		assertThat(state.apply(new Left(B, 3, "{}"))).as("not there").isNull();
		assertThat(state.apply(new Left(A, 6, "null room"))).isEqualTo(new Event("room", "0", "null room"));
		assertThat(state.apply(new RoomMessage(A, 7, "{}"))).isNull();
		assertThat(state.apply(new Joined(B, 40, "room B"))).isEqualTo(new Event("room", "0-2.40", "room B"));
		assertThat(state.apply(new RoomMessage(B, 40, "{}"))).as("the join notice, before the join").isNull();
		assertThat(state.apply(new RoomMessage(B, 41, "{}")).id()).isEqualTo("0-2.41");
	}

	@Test
	void heldUpdatesThatTheRoomReadAlreadyReflectsChangeNothing() {
		// The catch-up read room A at 10 and replayed up to it. Held meanwhile: the session left A
		// (notice 4), went through B, and came back to A (notice 8), all before that read.
		StreamState state = new StreamState(new StreamCursor(0, null).in(A, 10));
		state.applyingHeldUpdates();
		assertThat(state.apply(new Left(A, 4, "{}"))).isNull();
		assertThat(state.apply(new RoomMessage(A, 5, "{}"))).isNull();
		assertThat(state.apply(new Joined(B, 20, "room B")).id()).isEqualTo("0-2.20");
		assertThat(state.apply(new RoomMessage(B, 21, "{}")).id()).isEqualTo("0-2.21");
		assertThat(state.apply(new Left(B, 22, "{}")).id()).isEqualTo("0");
		assertThat(state.apply(new Joined(A, 8, "room A")).id()).as("back where the read left it").isEqualTo("0-1.10");
		assertThat(state.apply(new RoomMessage(A, 9, "{}"))).isNull();
		assertThat(state.apply(new RoomMessage(A, 10, "{}"))).isNull();
		assertThat(state.apply(new RoomMessage(A, 11, "{}")).id()).isEqualTo("0-1.11");
		// A leave after the read is a leave.
		assertThat(state.apply(new Left(A, 12, "{}")).id()).isEqualTo("0");
		state.live();
		assertThat(state.apply(new Joined(A, 13, "{}")).id()).isEqualTo("0-1.13");
	}

}
