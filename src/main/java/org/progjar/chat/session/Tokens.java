package org.progjar.chat.session;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Session tokens: 256 bits from {@link SecureRandom}, URL-safe Base64 so they need no escaping in
 * a urlencoded request or an HTTP header. Only their SHA-256 is stored; a fast hash is right
 * here because a token has full entropy, unlike a password.
 */
public final class Tokens {

	private static final int TOKEN_BYTES = 32;

	/**
	 * Cloned for each hash: every request with a session is hashed, and looking SHA-256 up among
	 * the security providers each time took most of the hashing's CPU. Never used itself.
	 */
	private static final MessageDigest SHA_256 = sha256();

	private final SecureRandom random = new SecureRandom();

	String newToken() {
		byte[] bytes = new byte[TOKEN_BYTES];
		this.random.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	Tokens() {
	}

	/** How a token is known once it is issued: by the database, and by flood control. */
	public static byte[] hash(String token) {
		try {
			return ((MessageDigest) SHA_256.clone()).digest(token.getBytes(StandardCharsets.UTF_8));
		}
		catch (CloneNotSupportedException ex) {
			throw new IllegalStateException("The JDK's SHA-256 can be cloned", ex);
		}
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every JDK has SHA-256", ex);
		}
	}

}
