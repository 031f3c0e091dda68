package org.progjar.chat.protocol;

import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.ip.dsl.Tcp;
import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;
import org.springframework.integration.ip.tcp.serializer.AbstractByteArraySerializer;
import org.progjar.chat.protocol.framing.BlockFraming;
import org.progjar.chat.protocol.framing.CoalescingSerializer;
import org.progjar.chat.protocol.framing.LineFraming;
import org.progjar.chat.message.DirectMessageSent;
import org.progjar.chat.room.RoomEvent;
import org.progjar.chat.push.PushChannel;

/**
 * The two listeners. Each is a blocking ("net") connection factory whose connections are read on
 * their own virtual thread, which keeps one connection's requests in order, with an inbound
 * adapter feeding {@code tcpRequests} and an outbound adapter that writes to any of its
 * connections by id. Blocking I/O on virtual threads, rather than NIO, is what keeps per-socket
 * order without a thread per idle connection. Each listener is plaintext or TLS on its own
 * ({@link TcpTlsSettings}).
 */
@Configuration(proxyBeanMethods = false)
class TcpServerConfiguration {

	static final String LINE_SERVER = "lineServer";

	static final String LEGACY_SERVER = "legacyServer";

	@Bean(LINE_SERVER)
	TcpNetServerConnectionFactory lineServer(TcpSettings settings, TcpTls tls) {
		return listener(settings.port(), new LineFraming(maxMessageSize(settings)), settings, "tcp-line-", tls.line());
	}

	@Bean(LEGACY_SERVER)
	TcpNetServerConnectionFactory legacyServer(TcpSettings settings, TcpTls tls) {
		return listener(settings.legacyPort(), new BlockFraming(maxMessageSize(settings)), settings, "tcp-legacy-",
				tls.legacy());
	}

	@Bean
	DirectChannel tcpRequests() {
		return new DirectChannel();
	}

	@Bean
	IntegrationFlow lineInbound(TcpNetServerConnectionFactory lineServer, DirectChannel tcpRequests) {
		return IntegrationFlow.from(Tcp.inboundAdapter(lineServer)).channel(tcpRequests).get();
	}

	@Bean
	IntegrationFlow legacyInbound(TcpNetServerConnectionFactory legacyServer, DirectChannel tcpRequests) {
		return IntegrationFlow.from(Tcp.inboundAdapter(legacyServer)).channel(tcpRequests).get();
	}

	@Bean
	IntegrationFlow requestHandling(DirectChannel tcpRequests, TcpRequestHandler handler) {
		return IntegrationFlow.from(tcpRequests).handle(handler::handle).get();
	}

	@Bean
	DirectChannel lineOutbound() {
		return new DirectChannel();
	}

	@Bean
	DirectChannel legacyOutbound() {
		return new DirectChannel();
	}

	@Bean
	IntegrationFlow lineOutboundFlow(DirectChannel lineOutbound, TcpNetServerConnectionFactory lineServer) {
		return IntegrationFlow.from(lineOutbound).handle(Tcp.outboundAdapter(lineServer)).get();
	}

	@Bean
	IntegrationFlow legacyOutboundFlow(DirectChannel legacyOutbound, TcpNetServerConnectionFactory legacyServer) {
		return IntegrationFlow.from(legacyOutbound).handle(Tcp.outboundAdapter(legacyServer)).get();
	}

	@Bean
	TcpListeners tcpListeners(DirectChannel lineOutbound, DirectChannel legacyOutbound) {
		return new TcpListeners(Map.of(LINE_SERVER, lineOutbound, LEGACY_SERVER, legacyOutbound));
	}

	/** Room events and direct messages reach the TCP connections through the push channel. */
	@Bean
	IntegrationFlow pushEventsToTcp(ConnectionRegistry registry, InboxPushes inboxPushes) {
		return IntegrationFlow.from(PushChannel.NAME).handle((message) -> {
			switch (message.getPayload()) {
				case RoomEvent event -> registry.onRoomEvent(event);
				case DirectMessageSent sent -> inboxPushes.directMessageSent(sent);
				default -> {
				}
			}
		}).get();
	}

	/** Writers block while a client does not read; a virtual thread each keeps that cheap. */
	@Bean(destroyMethod = "shutdownNow")
	ExecutorService tcpWriters() {
		return Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("tcp-writer-", 0).factory());
	}

	private static TcpNetServerConnectionFactory listener(int port, AbstractByteArraySerializer framing,
			TcpSettings settings, String threadPrefix, ListenerTls tls) {
		SimpleAsyncTaskExecutor readers = new SimpleAsyncTaskExecutor(threadPrefix);
		readers.setVirtualThreads(true);
		TcpNetServerConnectionFactory factory = new RecoveringServerConnectionFactory(port);
		factory.setDeserializer(framing);
		factory.setSerializer(new CoalescingSerializer(framing));
		factory.setMapper(new ConnectionIdMapper());
		factory.setTaskExecutor(readers);
		factory.setTcpNetConnectionSupport(new BufferedNetConnectionSupport(tls.handshakeTimeout(),
				settings.loginTimeout(), settings.idleTimeout()));
		factory.setSoTcpNoDelay(true);
		factory.setSoKeepAlive(true);
		factory.setLookupHost(false);
		factory.setBacklog(settings.backlog());
		if (settings.host() != null) {
			factory.setLocalAddress(settings.host());
		}
		tls.applyTo(factory);
		return factory;
	}

	private static int maxMessageSize(TcpSettings settings) {
		return Math.toIntExact(settings.maxMessageSize().toBytes());
	}

}
