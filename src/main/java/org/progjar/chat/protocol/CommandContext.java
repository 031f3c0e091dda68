package org.progjar.chat.protocol;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.progjar.chat.session.Caller;
import org.progjar.chat.support.ClientAddress;

/**
 * What a handler gets: the request, for an authenticated command its caller, and the address
 * of the client (for what is limited per address, such as failed logins).
 */
public record CommandContext(Request request, @Nullable Caller session, ClientAddress client) {

	/** A parameter the command declared as required, so never missing here. */
	public String param(String name) {
		return Objects.requireNonNull(this.request.param(name), name);
	}

	public Caller caller() {
		return Objects.requireNonNull(this.session, "an authenticated command");
	}

}
