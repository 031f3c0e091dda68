package org.progjar.chat.message;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param maxLength longest message text, in characters, for direct and room messages (at most 65536,
 * the column size)
 * @param inboxBatch most messages one {@code inbox} call delivers; the rest wait for the next call
 */
@ConfigurationProperties("chat.messages")
public record MessageSettings(@DefaultValue("4096") int maxLength, @DefaultValue("1000") int inboxBatch) {

	public MessageSettings {
		if (maxLength < 1 || maxLength > 65536) {
			throw new IllegalArgumentException("chat.messages.max-length must be 1 to 65536");
		}
	}

}
