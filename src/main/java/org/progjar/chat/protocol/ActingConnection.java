package org.progjar.chat.protocol;

import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.progjar.chat.storage.FollowUpContext;
import org.springframework.stereotype.Component;

/**
 * The connection whose request the current thread is carrying out. What a request stores is
 * published on the committer thread, so this is carried there too: a join made through a
 * connection subscribes that connection.
 */
@Component
class ActingConnection implements FollowUpContext {

	private final ThreadLocal<ClientConnection> current = new ThreadLocal<>();

	<T> T actingFor(ClientConnection connection, Supplier<T> request) {
		@Nullable ClientConnection outer = this.current.get();
		this.current.set(connection);
		try {
			return request.get();
		}
		finally {
			restore(outer);
		}
	}

	@Nullable ClientConnection get() {
		return this.current.get();
	}

	@Override
	public Runnable capture(Runnable followUp) {
		ClientConnection connection = this.current.get();
		if (connection == null) {
			return followUp;
		}
		return () -> actingFor(connection, () -> {
			followUp.run();
			return null;
		});
	}

	private void restore(@Nullable ClientConnection outer) {
		if (outer == null) {
			this.current.remove();
		}
		else {
			this.current.set(outer);
		}
	}

}
