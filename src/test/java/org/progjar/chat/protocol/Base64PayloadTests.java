package org.progjar.chat.protocol;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import org.progjar.chat.error.ChatException;
import org.progjar.chat.error.ErrorCode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class Base64PayloadTests {

	@Test
	void roundTrips() {
		byte[] bytes = { 0, -1, 62, 63, (byte) 0xfb, (byte) 0xff };
		assertThat(Base64Payload.decode(Base64Payload.encode(bytes))).isEqualTo(bytes);
	}

	@Test
	void acceptsTheLineBreaksOfPythonsEncodestring() {
		// base64.encodestring("hello world, this is python two") in Python 2
		String encoded = "aGVsbG8gd29ybGQsIHRoaXMgaXMgcHl0aG9uIHR3bw==\n";
		assertThat(Base64Payload.decode(encoded)).asString(StandardCharsets.US_ASCII)
			.isEqualTo("hello world, this is python two");
	}

	@Test
	void readsASpaceAsTheUnencodedPlusItWas() {
		byte[] bytes = { (byte) 0xfb, (byte) 0xef };
		String withPlus = Base64Payload.encode(bytes);
		assertThat(withPlus).contains("+");
		assertThat(Base64Payload.decode(withPlus.replace('+', ' '))).isEqualTo(bytes);
	}

	@Test
	void refusesWhatIsNotBase64() {
		assertThatExceptionOfType(ChatException.class).isThrownBy(() -> Base64Payload.decode("not base64 at all!"))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(ErrorCode.INVALID_PARAMETER));
	}

}
