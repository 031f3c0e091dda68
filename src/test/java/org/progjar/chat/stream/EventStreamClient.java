package org.progjar.chat.stream;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.progjar.chat.testing.HttpApi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A Server-Sent Events client written from the spec, not from the server's code: the response
 * lines are parsed on a virtual thread into events, which the test takes with a bounded wait.
 */
public final class EventStreamClient implements AutoCloseable {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final long WAIT_SECONDS = 10;

	private final HttpResponse<Stream<String>> response;

	private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();

	private final Thread reader;

	private volatile boolean ended;

	private EventStreamClient(HttpResponse<Stream<String>> response) {
		this.response = response;
		this.reader = Thread.ofVirtual().name("sse-test-reader").start(this::read);
	}

	public static EventStreamClient open(HttpApi api, String token) {
		return open(api, token, null);
	}

	public static EventStreamClient open(HttpApi api, String token, @Nullable String lastEventId) {
		HttpRequest.Builder request = api.request("/api/events", token).header("Accept", "text/event-stream").GET();
		if (lastEventId != null) {
			request.header("Last-Event-ID", lastEventId);
		}
		try {
			HttpResponse<Stream<String>> response = api.client().send(request.build(), BodyHandlers.ofLines());
			assertThat(response.statusCode()).as("GET /api/events").isEqualTo(200);
			assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
					(type) -> assertThat(type).startsWith("text/event-stream"));
			return new EventStreamClient(response);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** The next event, waiting at most ten seconds. */
	public Event next() {
		try {
			Event event = this.events.poll(WAIT_SECONDS, TimeUnit.SECONDS);
			if (event == null) {
				fail("No event within %d s%s", WAIT_SECONDS, this.ended ? " (the stream has ended)" : "");
			}
			return event;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public Event next(String type) {
		Event event = next();
		assertThat(event.type()).as("event %s", event).isEqualTo(type);
		return event;
	}

	/** Whether the server ended the stream, waiting at most ten seconds for it to. */
	boolean endsWithin() throws InterruptedException {
		this.reader.join(WAIT_SECONDS * 1000);
		return this.ended;
	}

	int pending() {
		return this.events.size();
	}

	@Override
	public void close() {
		// Closing the line stream cancels the body, which closes the connection.
		this.response.body().close();
		this.reader.interrupt();
	}

	// Fields per https://html.spec.whatwg.org/multipage/server-sent-events.html: a blank line
	// dispatches, ':' starts a comment, one space after the colon is dropped.
	private void read() {
		String id = null;
		String type = "message";
		StringBuilder data = null;
		try (Stream<String> lines = this.response.body()) {
			for (String line : (Iterable<String>) lines::iterator) {
				if (line.isEmpty()) {
					if (data != null) {
						this.events.add(new Event(id, type, data.toString()));
					}
					id = null;
					type = "message";
					data = null;
					continue;
				}
				if (line.startsWith(":")) {
					continue;
				}
				int colon = line.indexOf(':');
				String field = (colon < 0) ? line : line.substring(0, colon);
				String value = (colon < 0) ? "" : line.substring(colon + 1);
				if (value.startsWith(" ")) {
					value = value.substring(1);
				}
				switch (field) {
					case "id" -> id = value;
					case "event" -> type = value;
					case "data" -> data = (data == null) ? new StringBuilder(value) : data.append('\n').append(value);
					default -> {
					}
				}
			}
		}
		catch (RuntimeException ex) {
			// closed by the test, or the connection broke: either way the stream is over
		}
		finally {
			this.ended = true;
		}
	}

	public record Event(@Nullable String id, String type, String data) {

		public JsonNode json() {
			return EventStreamClient.json.readTree(this.data);
		}

	}

}
