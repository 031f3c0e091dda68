package org.progjar.chat.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.progjar.chat.testing.ChatServer;
import org.progjar.chat.testing.ChatServerTest;
import org.progjar.chat.testing.HttpApi;
import org.progjar.chat.testing.TcpClient;
import org.progjar.chat.testing.TestCertificate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.integration.ip.tcp.connection.TcpConnection;
import org.springframework.integration.ip.tcp.connection.TcpConnectionOpenEvent;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The server with TLS everywhere, from certificates made for this run: the line listener from
 * a PEM bundle limited to TLS 1.3, the legacy listener from a PKCS12 bundle, HTTP from a PEM
 * bundle that reloads when its files change. Without {@code chat.tcp.tls.*} and
 * {@code server.ssl.*} the other test classes run plaintext.
 */
@ChatServerTest
@ExtendWith(OutputCaptureExtension.class)
class TlsIntegrationTests {

	private static final TestCertificate tcpCertificate = TestCertificate.selfSigned("chat-tcp");

	private static final TestCertificate webCertificate = TestCertificate.selfSigned("chat-web");

	private static final TestCertificate renewedWebCertificate = TestCertificate.selfSigned("chat-web-renewed");

	private static final SSLContext trustingTcp = TestCertificate.trusting(tcpCertificate);

	private static final SSLContext trustingWeb = TestCertificate.trusting(webCertificate, renewedWebCertificate);

	private static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(3);

	private static Path tcpCertificateFile;

	private static Path tcpKeyFile;

	private static Path webCertificateFile;

	private static Path webKeyFile;

	@Autowired
	ChatServer server;

	@Autowired
	OpenedConnections opened;

	@Autowired
	Environment environment;

	@DynamicPropertySource
	static void tls(DynamicPropertyRegistry registry) throws IOException {
		Path dir = Files.createTempDirectory("chat-tls-");
		dir.toFile().deleteOnExit();
		tcpCertificateFile = dir.resolve("tcp.crt");
		tcpKeyFile = dir.resolve("tcp.key");
		tcpCertificate.writePem(tcpCertificateFile, tcpKeyFile);
		Path p12 = dir.resolve("legacy.p12");
		tcpCertificate.writePkcs12(p12, "chat", "changeit");
		// HTTP watches its files: a directory of their own, so that only a renewal touches it.
		Path webDir = Files.createDirectory(dir.resolve("web"));
		webCertificateFile = webDir.resolve("web.crt");
		webKeyFile = webDir.resolve("web.key");
		webCertificate.writePem(webCertificateFile, webKeyFile);

		registry.add("spring.ssl.bundle.pem.tcp.keystore.certificate", tcpCertificateFile::toString);
		registry.add("spring.ssl.bundle.pem.tcp.keystore.private-key", tcpKeyFile::toString);
		registry.add("spring.ssl.bundle.pem.tcp.options.enabled-protocols", () -> "TLSv1.3");
		registry.add("spring.ssl.bundle.pem.tcp.reload-on-update", () -> "true");
		registry.add("spring.ssl.bundle.jks.legacy.keystore.location", p12::toString);
		registry.add("spring.ssl.bundle.jks.legacy.keystore.type", () -> "PKCS12");
		registry.add("spring.ssl.bundle.jks.legacy.keystore.password", () -> "changeit");
		registry.add("spring.ssl.bundle.jks.legacy.key.alias", () -> "chat");
		registry.add("spring.ssl.bundle.pem.web.keystore.certificate", webCertificateFile::toString);
		registry.add("spring.ssl.bundle.pem.web.keystore.private-key", webKeyFile::toString);
		registry.add("spring.ssl.bundle.pem.web.reload-on-update", () -> "true");
		registry.add("spring.ssl.bundle.watch.file.quiet-period", () -> "200ms");
		registry.add("chat.tcp.tls.bundle", () -> "tcp");
		registry.add("chat.tcp.tls.legacy-bundle", () -> "legacy");
		registry.add("chat.tcp.tls.handshake-timeout", HANDSHAKE_TIMEOUT::toString);
		registry.add("server.ssl.bundle", () -> "web");
	}

	@Test
	void lineClientRegistersLogsInSendsAndReadsTheInboxOverTls() throws IOException {
		String alam = ChatServer.uniqueName("alam");
		String budi = ChatServer.uniqueName("budi");
		try (SSLSocket socket = tlsSocket(this.server.linePort()); TcpClient client = TcpClient.line(socket)) {
			register(client, alam);
			register(client, budi);
			String alamToken = login(client, alam);
			String budiToken = login(client, budi);
			client.requestOk("send", "session", alamToken, "destination", budi, "message", "halo lewat TLS");
			JsonNode inbox = client.requestOk("inbox", "session", budiToken).get("messages");
			assertThat(inbox.get(alam).get(0).get("msg").asString()).isEqualTo("halo lewat TLS");

			assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.3");
			assertThat(socket.getSession().getPeerCertificates()[0]).isEqualTo(tcpCertificate.certificate());
			// The accepted SSLSocket got the listener's socket options like a plain one.
			TcpConnection connection = this.opened.byClientPort(socket.getLocalPort());
			assertThat(connection.getSocketInfo().getTcpNoDelay()).isTrue();
			assertThat(connection.getSocketInfo().getKeepAlive()).isTrue();
		}
	}

	@Test
	void legacyClientRoundTripsBlocksThatArriveInSmallTlsRecords() throws IOException {
		String alam = ChatServer.uniqueName("alam");
		String budi = ChatServer.uniqueName("budi");
		String text = "pesan panjang " + "x".repeat(2_500) + " akhir";
		try (SSLSocket socket = tlsSocket(this.server.legacyPort()); TcpClient client = TcpClient.legacy(socket)) {
			register(client, alam);
			register(client, budi);
			String alamToken = login(client, alam);
			String budiToken = login(client, budi);

			// Three blocks, each TLS record 100 bytes: the server sees blocks in pieces.
			byte[] request = TcpClient
				.blocks(("send " + TcpClient.form("session", alamToken, "destination", budi, "message", text))
					.getBytes(StandardCharsets.UTF_8));
			assertThat(request.length).isEqualTo(3 * 1024);
			OutputStream out = socket.getOutputStream();
			for (int offset = 0; offset < request.length; offset += 100) {
				out.write(Arrays.copyOfRange(request, offset, Math.min(request.length, offset + 100)));
				out.flush();
			}
			assertThat(client.response().get("status").asString()).isEqualTo("OK");

			// A multi-block answer back the same way.
			JsonNode inbox = client.requestOk("inbox", "session", budiToken).get("messages");
			assertThat(inbox.get(alam).get(0).get("msg").asString()).isEqualTo(text);
			assertThat(socket.getSession().getPeerCertificates()[0]).isEqualTo(tcpCertificate.certificate());
		}
	}

	@Test
	void restApiIsServedOverHttpsWithTheBundleCertificate() throws IOException {
		String alam = ChatServer.uniqueName("alam");
		try (SSLSocket socket = tlsSocket(this.server.linePort()); TcpClient client = TcpClient.line(socket)) {
			register(client, alam);
		}
		HttpApi https = HttpApi.https(httpPort(), trustingWeb);
		HttpApi.Result login = https.post("/api/sessions", null, Map.of("username", alam, "password", "password123"));
		assertThat(login.status()).as(login.text()).isEqualTo(201);
		HttpApi.Result me = https.get("/api/me", login.json().get("token").asString());
		assertThat(me.status()).as(me.text()).isEqualTo(200);
		assertThat(me.text()).contains(alam);
		assertThat(https.get("/actuator/health", null).status()).isEqualTo(200);
	}

	@Test
	void plaintextClientsOnTlsPortsAreClosedQuietlyAndTheServerKeepsServing(CapturedOutput output) throws IOException {
		try (TcpClient plain = TcpClient.line(this.server.linePort())) {
			plain.send("inbox session=nothing");
			assertThat(plain.isClosedByServer()).isTrue();
		}
		try (TcpClient plain = TcpClient.legacy(this.server.legacyPort())) {
			plain.send("inbox session=nothing");
			assertThat(plain.isClosedByServer()).isTrue();
		}
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(output.getAll()).contains("TLS handshake failed on connection"));
		assertThat(output.getAll()).doesNotContain("Read exception", "\tat ");

		try (SSLSocket socket = tlsSocket(this.server.linePort()); TcpClient client = TcpClient.line(socket)) {
			assertThat(client.request("inbox", "session", "nothing").get("code").asString())
				.isEqualTo("INVALID_SESSION");
		}
	}

	@Test
	void aProtocolTheBundleDoesNotEnableIsRefused() throws IOException {
		SSLParameters tls12 = new SSLParameters();
		tls12.setProtocols(new String[] { "TLSv1.2" });
		assertThatExceptionOfType(SSLHandshakeException.class).isThrownBy(() -> {
			try (SSLSocket socket = tlsSocket(this.server.linePort(), tls12)) {
				socket.startHandshake();
			}
		});
		// The legacy bundle enables no such limit.
		try (SSLSocket socket = tlsSocket(this.server.legacyPort(), tls12)) {
			socket.startHandshake();
			assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.2");
		}
	}

	@Test
	void aClientThatNeverStartsTheHandshakeIsClosedAfterTheTimeout() throws IOException {
		try (Socket silent = new Socket("127.0.0.1", this.server.linePort())) {
			// Far longer than the handshake timeout: a read that times out here means the server
			// still holds the connection (and its reader thread).
			silent.setSoTimeout(Math.toIntExact(HANDSHAKE_TIMEOUT.multipliedBy(10).toMillis()));
			InputStream in = silent.getInputStream();
			try {
				// at most a TLS alert, then the end of the stream
				assertThat(in.readAllBytes()).hasSizeLessThan(64);
			}
			catch (SocketTimeoutException ex) {
				throw new AssertionError("The server kept a connection that never started the TLS handshake", ex);
			}
			catch (IOException ex) {
				// a reset is a close too
			}
		}
	}

	@Test
	void httpsPicksUpARenewedCertificateWithoutARestart() {
		assertThat(servedWebCertificate()).isEqualTo(webCertificate.certificate());
		renewedWebCertificate.writePem(webCertificateFile, webKeyFile);
		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(200))
			.untilAsserted(() -> assertThat(servedWebCertificate()).isEqualTo(renewedWebCertificate.certificate()));
	}

	@Test
	void aRenewedTcpCertificateWaitsForARestartAndSaysSo(CapturedOutput output) throws IOException {
		TestCertificate.selfSigned("chat-tcp-renewed").writePem(tcpCertificateFile, tcpKeyFile);
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(output.getAll()).contains("SSL bundle 'tcp' changed"));
		try (SSLSocket socket = tlsSocket(this.server.linePort())) {
			socket.startHandshake();
			assertThat(socket.getSession().getPeerCertificates()[0]).isEqualTo(tcpCertificate.certificate());
		}
	}

	private Certificate servedWebCertificate() {
		// A new client each time: a pooled connection would keep the old handshake.
		try (HttpClient client = HttpClient.newBuilder().sslContext(trustingWeb).build()) {
			HttpResponse<Void> response = client.send(
					HttpRequest.newBuilder(URI.create("https://localhost:" + httpPort() + "/actuator/health"))
						.timeout(Duration.ofSeconds(30))
						.build(),
					BodyHandlers.discarding());
			return response.sslSession().orElseThrow().getPeerCertificates()[0];
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private int httpPort() {
		return this.environment.getRequiredProperty("local.server.port", Integer.class);
	}

	private static SSLSocket tlsSocket(int port) {
		return tlsSocket(port, new SSLParameters());
	}

	/** A client that checks the server's certificate and host name as a real one would. */
	private static SSLSocket tlsSocket(int port, SSLParameters parameters) {
		try {
			SSLSocket socket = (SSLSocket) trustingTcp.getSocketFactory().createSocket("localhost", port);
			parameters.setEndpointIdentificationAlgorithm("HTTPS");
			socket.setSSLParameters(parameters);
			return socket;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void register(TcpClient client, String username) {
		client.requestOk("register", "username", username, "password", "password123", "name", "Name of " + username,
				"nationality", "Indonesia");
	}

	private static String login(TcpClient client, String username) {
		return client.requestOk("auth", "username", username, "password", "password123").get("tokenid").asString();
	}

	/** The server side of each TCP connection, by the client's port. */
	@TestConfiguration(proxyBeanMethods = false)
	static class OpenedConnections {

		private final Map<Integer, TcpConnection> byClientPort = new ConcurrentHashMap<>();

		@EventListener
		void opened(TcpConnectionOpenEvent event) {
			TcpConnection connection = (TcpConnection) event.getSource();
			this.byClientPort.put(connection.getPort(), connection);
		}

		TcpConnection byClientPort(int port) {
			TcpConnection connection = this.byClientPort.get(port);
			assertThat(connection).as("server side of client port %d", port).isNotNull();
			return connection;
		}

	}

}
