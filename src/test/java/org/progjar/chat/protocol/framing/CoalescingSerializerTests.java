package org.progjar.chat.protocol.framing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.core.serializer.Serializer;

import static org.assertj.core.api.Assertions.assertThat;

/** Several messages written together are the same bytes as each written alone, in either framing. */
class CoalescingSerializerTests {

	static List<Serializer<byte[]>> framings() {
		return List.of(new LineFraming(1024 * 1024), new BlockFraming(1024 * 1024));
	}

	@ParameterizedTest
	@MethodSource("framings")
	void framesAreEachFramedInOrder(Serializer<byte[]> framing) throws IOException {
		List<byte[]> messages = List.of(json("first"), json("x".repeat(1500)), json("a b".repeat(700)), json(""));
		ByteArrayOutputStream oneByOne = new ByteArrayOutputStream();
		for (byte[] message : messages) {
			framing.serialize(message, oneByOne);
		}
		ByteArrayOutputStream together = new ByteArrayOutputStream();
		new CoalescingSerializer(framing).serialize(new Frames(messages), together);
		assertThat(together.toByteArray()).isEqualTo(oneByOne.toByteArray());
	}

	@ParameterizedTest
	@MethodSource("framings")
	void aSingleMessageIsFramedAsItIs(Serializer<byte[]> framing) throws IOException {
		ByteArrayOutputStream direct = new ByteArrayOutputStream();
		framing.serialize(json("alone"), direct);
		ByteArrayOutputStream coalesced = new ByteArrayOutputStream();
		new CoalescingSerializer(framing).serialize(json("alone"), coalesced);
		assertThat(coalesced.toByteArray()).isEqualTo(direct.toByteArray());
	}

	private static byte[] json(String message) {
		return ("{\"message\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8);
	}

}
