package org.progjar.chat.protocol;

import java.util.Map;
import java.util.Optional;

import org.springframework.messaging.MessageChannel;

/** Where each listener's outbound adapter takes messages, by connection factory bean name. */
record TcpListeners(Map<String, MessageChannel> outboundByFactory) {

	Optional<MessageChannel> outboundOf(String connectionFactoryName) {
		return Optional.ofNullable(this.outboundByFactory.get(connectionFactoryName));
	}

}
