package org.progjar.chat.protocol;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One parsed request: the command word and its decoded parameters. It knows nothing of which
 * parameters a command needs; the command table checks that.
 */
public record Request(String command, Map<String, String> params) {

	public @Nullable String param(String name) {
		return this.params.get(name);
	}

}
