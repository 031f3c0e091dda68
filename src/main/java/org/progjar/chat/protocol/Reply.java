package org.progjar.chat.protocol;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.progjar.chat.error.ErrorCode;

/**
 * One JSON object sent to a client: a response or an event. Keys keep the order they were
 * added in, so {@code status} comes first as the original wrote it.
 */
public final class Reply {

	private final Map<String, Object> fields = new LinkedHashMap<>();

	private Reply(String status) {
		this.fields.put("status", status);
	}

	public static Reply ok() {
		return new Reply("OK");
	}

	/** The protocol's error shape: {@code message} and {@code error} for humans, {@code code} for programs. */
	public static Reply error(ErrorCode code, String detail) {
		return new Reply("ERROR").with("message", code.title()).with("error", detail).with("code", code.name());
	}

	public Reply with(String key, Object value) {
		this.fields.put(key, value);
		return this;
	}

	public Map<String, Object> fields() {
		return Collections.unmodifiableMap(this.fields);
	}

	public boolean isOk() {
		return "OK".equals(this.fields.get("status"));
	}

}
