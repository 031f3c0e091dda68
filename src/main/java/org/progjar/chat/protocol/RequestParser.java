package org.progjar.chat.protocol;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import org.progjar.chat.error.ChatException;
import org.progjar.chat.error.ErrorCode;

/**
 * Turns one framed message into a {@link Request}: a command word, a space, and parameters
 * form-encoded the way the original Python client's {@code urllib.urlencode(dict)} wrote them.
 * Kept apart from the framings and from Spring so both listeners share it and it can be tested
 * on plain strings.
 */
public final class RequestParser {

	private final int maxParameters;

	public RequestParser(int maxParameters) {
		this.maxParameters = maxParameters;
	}

	public Request parse(byte[] message) {
		// malformed UTF-8 becomes U+FFFD instead of failing: the command then reports it
		String text = new String(message, StandardCharsets.UTF_8).strip();
		if (text.isEmpty()) {
			throw new ChatException(ErrorCode.UNKNOWN_COMMAND, "Empty request");
		}
		int space = text.indexOf(' ');
		if (space < 0) {
			return new Request(text, Map.of());
		}
		// Both stripped again, as the original stripped the words it split on spaces: so that
		// "inbox  session=x" typed by hand, or a tab before the space, still works.
		return new Request(text.substring(0, space).strip(), parseParameters(text.substring(space + 1).strip()));
	}

	private Map<String, String> parseParameters(String query) {
		Map<String, String> params = new LinkedHashMap<>();
		int count = 0;
		int start = 0;
		while (start <= query.length()) {
			int end = query.indexOf('&', start);
			if (end < 0) {
				end = query.length();
			}
			if (end > start) {
				if (++count > this.maxParameters) {
					throw new ChatException(ErrorCode.MALFORMED_REQUEST,
							"Too many parameters (at most " + this.maxParameters + ")");
				}
				addPair(query.substring(start, end), params);
			}
			start = end + 1;
		}
		return Collections.unmodifiableMap(params);
	}

	private static void addPair(String pair, Map<String, String> params) {
		int equals = pair.indexOf('=');
		String key = decode((equals < 0) ? pair : pair.substring(0, equals));
		String value = (equals < 0) ? "" : decode(pair.substring(equals + 1));
		// the original read parse_qs(...)[key][0]: the first occurrence wins
		params.putIfAbsent(key, value);
	}

	private static String decode(String encoded) {
		checkEscapes(encoded);
		return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
	}

	/**
	 * An escape is {@code %} and two ASCII hex digits. URLDecoder's own check depends on the JDK:
	 * older ones read {@code %+1} as byte 1 and take digits of other scripts for hex, so that the
	 * fullwidth {@code %２e} decoded to a dot.
	 */
	private static void checkEscapes(String encoded) {
		for (int i = encoded.indexOf('%'); i >= 0; i = encoded.indexOf('%', i + 3)) {
			if (i + 2 >= encoded.length() || !HexFormat.isHexDigit(encoded.charAt(i + 1))
					|| !HexFormat.isHexDigit(encoded.charAt(i + 2))) {
				throw new ChatException(ErrorCode.MALFORMED_REQUEST, "Malformed %-escape in the request parameters");
			}
		}
	}

}
