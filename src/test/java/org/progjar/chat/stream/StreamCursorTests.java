package org.progjar.chat.stream;

import org.junit.jupiter.api.Test;

import org.progjar.chat.error.ChatException;
import org.progjar.chat.error.ErrorCode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class StreamCursorTests {

	@Test
	void roundTripsInAndOutsideRooms() {
		StreamCursor outside = new StreamCursor(42, null);
		assertThat(outside.value()).isEqualTo("42");
		assertThat(StreamCursor.parse("42")).isEqualTo(outside);

		StreamCursor inside = outside.in(7, 130);
		assertThat(inside.value()).isEqualTo("42-7.130");
		assertThat(StreamCursor.parse("42-7.130")).isEqualTo(inside);
		assertThat(inside.isIn(7)).isTrue();
		assertThat(inside.isIn(8)).isFalse();
		assertThat(inside.withDm(43).value()).isEqualTo("43-7.130");
		assertThat(inside.outsideRooms()).isEqualTo(new StreamCursor(42, null));
	}

	@Test
	void refusesAnythingItDidNotWrite() {
		for (String bad : new String[] { "", "-1", "1-2", "1-2.", "a-1.2", "1-2.3.4", "1 -2.3",
				"9999999999999999999", "1-2.99999999999999999999" }) {
			assertThatExceptionOfType(ChatException.class).as(bad)
				.isThrownBy(() -> StreamCursor.parse(bad))
				.satisfies((ex) -> assertThat(ex.code()).isEqualTo(ErrorCode.INVALID_PARAMETER));
		}
	}

}
