package org.progjar.chat.protocol;

/** Carries out one command; it calls a service and shapes that service's answer as a reply. */
@FunctionalInterface
public interface CommandHandler {

	Reply handle(CommandContext context);

}
