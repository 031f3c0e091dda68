package org.progjar.chat.bench;

/** The few JSON values the generator reads outside the hot path: a string or number by key. */
final class Json {

	private Json() {
	}

	/** The first string value of {@code key}; our values carry no escapes, so none are decoded. */
	static String string(String json, String key) {
		String marker = "\"" + key + "\":\"";
		int at = json.indexOf(marker);
		if (at < 0) {
			return null;
		}
		int from = at + marker.length();
		int to = json.indexOf('"', from);
		return (to < 0) ? null : json.substring(from, to);
	}

	static long number(String json, String key) {
		String marker = "\"" + key + "\":";
		int at = json.indexOf(marker);
		if (at < 0) {
			return -1;
		}
		int from = at + marker.length();
		int to = from;
		while (to < json.length() && Character.isDigit(json.charAt(to))) {
			to++;
		}
		return (to == from) ? -1 : Long.parseLong(json.substring(from, to));
	}

}
