package org.progjar.chat.session;

import org.jspecify.annotations.Nullable;

/** Reads the token out of {@code Authorization: Bearer <token>}. */
public final class BearerToken {

	private static final String BEARER = "Bearer ";

	private BearerToken() {
	}

	/** @return the token, or null when the header is missing, of another scheme or empty */
	public static @Nullable String from(@Nullable String authorization) {
		if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
			return null;
		}
		String token = authorization.substring(BEARER.length()).strip();
		return token.isEmpty() ? null : token;
	}

}
