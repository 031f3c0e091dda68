package org.progjar.chat.ratelimit;

/** What a limit counts. */
public enum Scope {

	/** Every request. */
	COMMANDS("Too many requests; slow down and retry later"),

	/** Requests that deliver something to other people: direct and room messages, files. */
	MESSAGES("Too many messages; slow down and retry later");

	private final String refusal;

	Scope(String refusal) {
		this.refusal = refusal;
	}

	String refusal() {
		return this.refusal;
	}

}
