package org.progjar.chat.ratelimit;

import org.progjar.chat.session.TokenHash;
import org.progjar.chat.support.ClientAddress;

/**
 * Whose bucket a request takes from. A session is known by its token's SHA-256, as the database
 * knows it, so the limiter never holds a live credential, and a token used over several
 * connections, or over TCP and HTTP, takes from one bucket.
 */
public record RateKey(Kind kind, String id) {

	public static RateKey connection(String connectionId) {
		return new RateKey(Kind.CONNECTION, connectionId);
	}

	public static RateKey session(TokenHash token) {
		return new RateKey(Kind.SESSION, token.hex());
	}

	public static RateKey address(ClientAddress address) {
		return new RateKey(Kind.ADDRESS, address.value());
	}

	public enum Kind {

		CONNECTION, SESSION, ADDRESS

	}

}
