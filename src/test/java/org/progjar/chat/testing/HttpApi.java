package org.progjar.chat.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import javax.net.ssl.SSLContext;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A real HTTP client (the JDK's) against the running server, for the REST API tests. */
public final class HttpApi {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient client;

	private final String base;

	public HttpApi(int port) {
		this(port, null);
	}

	/** @param from the local (loopback) address requests come from, to look like another client */
	public HttpApi(int port, @Nullable InetAddress from) {
		this("http://127.0.0.1:" + port, (from != null) ? HttpClient.newBuilder().localAddress(from) : HttpClient.newBuilder());
	}

	private HttpApi(String base, HttpClient.Builder client) {
		this.base = base;
		this.client = client.connectTimeout(Duration.ofSeconds(10)).build();
	}

	/** The API over HTTPS, trusting what {@code tls} trusts. */
	public static HttpApi https(int port, SSLContext tls) {
		return new HttpApi("https://localhost:" + port, HttpClient.newBuilder().sslContext(tls));
	}

	public String base() {
		return this.base;
	}

	public HttpClient client() {
		return this.client;
	}

	public Result get(String path, @Nullable String token) {
		return send(request(path, token).GET());
	}

	public Result delete(String path, @Nullable String token) {
		return send(request(path, token).DELETE());
	}

	/** POST with a JSON body made from key/value pairs (values may be any JSON-able object). */
	public Result post(String path, @Nullable String token, Map<String, ?> body) {
		return send(request(path, token).header("Content-Type", "application/json").POST(jsonBody(body)));
	}

	public Result postRaw(String path, @Nullable String token, String contentType, String body) {
		return send(request(path, token).header("Content-Type", contentType)
			.POST(BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
	}

	public Result put(String path, @Nullable String token, byte[] body, String contentType) {
		return send(request(path, token).header("Content-Type", contentType).PUT(BodyPublishers.ofByteArray(body)));
	}

	public Result putEmpty(String path, @Nullable String token) {
		return send(request(path, token).PUT(BodyPublishers.noBody()));
	}

	public HttpRequest.Builder request(String path, @Nullable String token) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(this.base + path)).timeout(Duration.ofSeconds(30));
		if (token != null) {
			builder.header("Authorization", "Bearer " + token);
		}
		return builder;
	}

	public Result send(HttpRequest.Builder request) {
		try {
			HttpResponse<byte[]> response = this.client.send(request.build(), BodyHandlers.ofByteArray());
			return new Result(response);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static BodyPublisher jsonBody(Map<String, ?> body) {
		return BodyPublishers.ofByteArray(json.writeValueAsBytes(body));
	}

	/** A response: status, headers, raw body, and the body as JSON. */
	public record Result(HttpResponse<byte[]> response) {

		public int status() {
			return this.response.statusCode();
		}

		public byte[] bytes() {
			return this.response.body();
		}

		public String text() {
			return new String(this.response.body(), StandardCharsets.UTF_8);
		}

		public JsonNode json() {
			return json.readTree(this.response.body());
		}

		public @Nullable String header(String name) {
			return this.response.headers().firstValue(name).orElse(null);
		}

	}

}
