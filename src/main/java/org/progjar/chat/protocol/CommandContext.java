package org.progjar.chat.protocol;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.progjar.chat.session.Caller;

/** What a handler gets: the request and, for an authenticated command, its caller. */
public record CommandContext(Request request, @Nullable Caller session) {

	/** A parameter the command declared as required, so never missing here. */
	public String param(String name) {
		return Objects.requireNonNull(this.request.param(name), name);
	}

	public Caller caller() {
		return Objects.requireNonNull(this.session, "an authenticated command");
	}

}
