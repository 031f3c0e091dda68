package org.progjar.chat.session;

import java.util.HexFormat;

/**
 * A session token as it is known once issued: by its SHA-256 ({@link Tokens#hash}), in hex. The
 * live sessions and flood control both key a session by it, so a request hashes its token once.
 */
public record TokenHash(String hex) {

	public static TokenHash of(String token) {
		return of(Tokens.hash(token));
	}

	static TokenHash of(byte[] sha256) {
		return new TokenHash(HexFormat.of().formatHex(sha256));
	}

	/** As the database stores it. */
	byte[] bytes() {
		return HexFormat.of().parseHex(this.hex);
	}

}
