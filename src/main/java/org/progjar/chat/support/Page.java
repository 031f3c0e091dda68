package org.progjar.chat.support;

import org.jspecify.annotations.Nullable;

/** The size of a page of history: what a client asks for, within bounds every listing shares. */
public final class Page {

	public static final int DEFAULT_SIZE = 50;

	public static final int MAX_SIZE = 500;

	private Page() {
	}

	/** A requested size clamped to 1..{@value #MAX_SIZE}; zero or less means the default. */
	public static int size(int requested) {
		return (requested <= 0) ? DEFAULT_SIZE : Math.min(requested, MAX_SIZE);
	}

	/** The same for an optional request parameter; absent means the default. */
	public static int size(@Nullable Long requested) {
		return (requested != null) ? size((int) Math.min(requested, MAX_SIZE)) : DEFAULT_SIZE;
	}

}
