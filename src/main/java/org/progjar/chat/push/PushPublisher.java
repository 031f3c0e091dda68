package org.progjar.chat.push;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.support.GenericMessage;
import org.springframework.stereotype.Component;

/**
 * What services publish committed changes through: straight onto the {@link PushChannel}. They
 * used to publish application events that a listener forwarded to the channel; for every chat
 * line that hop (resolving the event's generic type, finding and reflectively calling its
 * listeners) cost the committer a twentieth of its time under a busy room.
 */
@Component
public class PushPublisher {

	private final MessageChannel channel;

	PushPublisher(@Qualifier(PushChannel.NAME) MessageChannel channel) {
		this.channel = channel;
	}

	/** Hands a committed change to every subscriber, on this thread; call in commit order. */
	public void publish(PushEvent event) {
		this.channel.send(new GenericMessage<>(event));
	}

}
