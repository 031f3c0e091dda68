package org.progjar.chat.testing;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.StringJoiner;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A raw-socket client written the way the legacy clients are, independent of the server's
 * framing code: line framing like {@code nc}, or the 1024-byte blocks of the original
 * {@code smartconn.py}. Responses are told from events by the {@code type} key.
 */
public final class TcpClient implements AutoCloseable {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final int BLOCK = 1024;

	private final Socket socket;

	private final InputStream in;

	private final OutputStream out;

	private final boolean legacy;

	/** Events read while waiting for a response, kept for {@link #nextEvent()}. */
	private final Deque<JsonNode> events = new ArrayDeque<>();

	private TcpClient(int port, boolean legacy, @Nullable InetAddress from) {
		this(connect(port, from), legacy);
	}

	private TcpClient(Socket socket, boolean legacy) {
		try {
			this.socket = socket;
			this.socket.setSoTimeout(10_000);
			this.socket.setTcpNoDelay(true);
			this.in = new BufferedInputStream(this.socket.getInputStream(), 8192);
			// Buffered so that a message leaves in one segment, as the flush below sends it.
			this.out = new BufferedOutputStream(this.socket.getOutputStream(), 8192);
			this.legacy = legacy;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public static TcpClient line(int port) {
		return new TcpClient(port, false, null);
	}

	/** A line client whose connection comes from the given local (loopback) address. */
	public static TcpClient line(int port, InetAddress from) {
		return new TcpClient(port, false, from);
	}

	/** A legacy client whose connection comes from the given local (loopback) address. */
	public static TcpClient legacy(int port, InetAddress from) {
		return new TcpClient(port, true, from);
	}

	public static TcpClient line(int port, String fromAddress) {
		return line(port, loopback(fromAddress));
	}

	public static TcpClient legacy(int port, String fromAddress) {
		return legacy(port, loopback(fromAddress));
	}

	public static TcpClient legacy(int port) {
		return new TcpClient(port, true, null);
	}

	/** A line client over a socket the caller connected, such as a TLS one. */
	public static TcpClient line(Socket socket) {
		return new TcpClient(socket, false);
	}

	/** A legacy (block framing) client over a socket the caller connected, such as a TLS one. */
	public static TcpClient legacy(Socket socket) {
		return new TcpClient(socket, true);
	}

	private static InetAddress loopback(String address) {
		try {
			return InetAddress.getByName(address);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Socket connect(int port, @Nullable InetAddress from) {
		try {
			// Any 127.x.y.z is this machine on Linux: a test binds to one to look like another client.
			return (from != null) ? new Socket(InetAddress.getByName("127.0.0.1"), port, from, 0)
					: new Socket("127.0.0.1", port);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** How long a read waits before the client gives up (ten seconds unless changed). */
	public TcpClient withReadTimeout(Duration timeout) {
		try {
			this.socket.setSoTimeout(Math.toIntExact(timeout.toMillis()));
			return this;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** {@code key=value&...} as Python's urllib.urlencode writes it. */
	public static String form(String... keysAndValues) {
		StringJoiner joined = new StringJoiner("&");
		for (int i = 0; i < keysAndValues.length; i += 2) {
			joined.add(URLEncoder.encode(keysAndValues[i], StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(keysAndValues[i + 1], StandardCharsets.UTF_8));
		}
		return joined.toString();
	}

	/** Sends {@code command key=value&...} and returns the response, keeping events aside. */
	public JsonNode request(String command, String... keysAndValues) {
		send(command + " " + form(keysAndValues));
		return response();
	}

	public JsonNode requestOk(String command, String... keysAndValues) {
		JsonNode response = request(command, keysAndValues);
		assertThat(response.get("status").asString()).as("%s -> %s", command, response).isEqualTo("OK");
		return response;
	}

	public JsonNode requestError(String command, String... keysAndValues) {
		JsonNode response = request(command, keysAndValues);
		assertThat(response.get("status").asString()).as("%s -> %s", command, response).isEqualTo("ERROR");
		return response;
	}

	public void send(String message) {
		sendBytes(message.getBytes(StandardCharsets.UTF_8));
	}

	public void sendBytes(byte[] message) {
		try {
			if (this.legacy) {
				writeBlocks(message);
			}
			else {
				this.out.write(message);
				this.out.write('\n');
			}
			this.out.flush();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Writes the bytes as they are, without any framing: for garbage and for split messages. */
	public void sendRaw(byte[] bytes) {
		try {
			this.out.write(bytes);
			this.out.flush();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Half-closes: the server reads the end of the stream, and answers can still come back. */
	public void endOutput() {
		try {
			this.out.flush();
			this.socket.shutdownOutput();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The next object that is not an event. */
	public JsonNode response() {
		while (true) {
			JsonNode next = read();
			if (!next.has("type")) {
				return next;
			}
			this.events.add(next);
		}
	}

	/** The next event, including one that arrived while waiting for a response. */
	public JsonNode nextEvent() {
		if (!this.events.isEmpty()) {
			return this.events.poll();
		}
		JsonNode next = read();
		assertThat(next.has("type")).as("expected an event, got %s", next).isTrue();
		return next;
	}

	/** Forgets the events that arrived while waiting for responses: a load test only counts them. */
	public int discardEvents() {
		int discarded = this.events.size();
		this.events.clear();
		return discarded;
	}

	/** Events that arrived while waiting for responses and were not read yet. */
	public int pendingEvents() {
		return this.events.size();
	}

	/** Whether the server has closed the connection (reads until EOF or the timeout). */
	public boolean isClosedByServer() {
		try {
			while (this.in.read() >= 0) {
				// discard what was still in flight
			}
			return true;
		}
		catch (SocketTimeoutException ex) {
			return false;
		}
		catch (IOException ex) {
			return true;
		}
	}

	/** Whether the server sends nothing, and does not close, for the given time. */
	public boolean isSilentFor(Duration time) {
		try {
			int timeout = this.socket.getSoTimeout();
			this.socket.setSoTimeout(Math.toIntExact(time.toMillis()));
			try {
				this.in.mark(1);
				if (this.in.read() < 0) {
					return false;
				}
				this.in.reset();
				return false;
			}
			catch (SocketTimeoutException ex) {
				return true;
			}
			finally {
				this.socket.setSoTimeout(timeout);
			}
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * Whether the server closed the connection cleanly with nothing more to say: the next read
	 * is the end of the stream. False if more bytes or nothing came (within the timeout); a reset
	 * connection is an {@link UncheckedIOException}.
	 */
	public boolean atEndOfStream() {
		try {
			return this.in.read() < 0;
		}
		catch (SocketTimeoutException ex) {
			return false;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public JsonNode read() {
		try {
			byte[] message = this.legacy ? readBlocks() : readLine();
			return json.readTree(message);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		try {
			this.socket.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private byte[] readLine() throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		int b;
		while ((b = this.in.read()) != '\n') {
			if (b < 0) {
				throw new IOException("Connection closed by the server");
			}
			line.write(b);
		}
		return line.toByteArray();
	}

	private void writeBlocks(byte[] message) throws IOException {
		this.out.write(blocks(message));
	}

	/**
	 * A message as smartconn.py sends it: 1024-byte blocks, the last padded with spaces, an
	 * extra one if the last is full.
	 */
	public static byte[] blocks(byte[] message) {
		int count = message.length / BLOCK + 1;
		byte[] blocks = new byte[count * BLOCK];
		Arrays.fill(blocks, (byte) ' ');
		System.arraycopy(message, 0, blocks, 0, message.length);
		return blocks;
	}

	// Read exactly 1024 bytes per block, strip trailing whitespace, stop after a short one.
	private byte[] readBlocks() throws IOException {
		ByteArrayOutputStream message = new ByteArrayOutputStream();
		while (true) {
			byte[] block = this.in.readNBytes(BLOCK);
			if (block.length < BLOCK) {
				throw new IOException("Connection closed inside a block");
			}
			int end = BLOCK;
			while (end > 0 && Character.isWhitespace(block[end - 1])) {
				end--;
			}
			message.write(block, 0, end);
			if (end < BLOCK) {
				return message.toByteArray();
			}
		}
	}

}
