package org.progjar.chat.session;

import java.util.HexFormat;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stored sessions are found by their token's hash, so the hash must stay SHA-256, byte for byte,
 * from one version of the server to the next and on every thread at once.
 */
class TokensTests {

	@Test
	void hashIsSha256OfTheTokensUtf8Bytes() {
		// FIPS 180-2's test vector for "abc".
		assertThat(HexFormat.of().formatHex(Tokens.hash("abc")))
			.isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	}

	/** Flood control and the live sessions key a session by this; the database stores its bytes. */
	@Test
	void tokenHashIsTheSameSha256InHexAndBackToTheStoredBytes() {
		TokenHash hash = TokenHash.of("abc");
		assertThat(hash.hex()).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
		assertThat(hash.bytes()).isEqualTo(Tokens.hash("abc"));
		assertThat(TokenHash.of(Tokens.hash("abc"))).isEqualTo(hash);
	}

	@Test
	void threadsHashingAtOnceGetTheSameHashes() throws Exception {
		String token = new Tokens().newToken();
		byte[] expected = Tokens.hash(token);
		Callable<byte[]> hashing = () -> Tokens.hash(token);
		try (ExecutorService threads = Executors.newFixedThreadPool(8)) {
			var results = threads.invokeAll(IntStream.range(0, 2000).mapToObj((i) -> hashing).toList());
			for (Future<byte[]> result : results) {
				assertThat(result.get()).isEqualTo(expected);
			}
		}
	}

}
