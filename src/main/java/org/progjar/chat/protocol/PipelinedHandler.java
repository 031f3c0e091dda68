package org.progjar.chat.protocol;

import java.util.concurrent.CompletableFuture;

/**
 * Carries out one command whose reply may come later, once what it stores is committed.
 * It may throw at once for what it refuses before storing anything.
 */
@FunctionalInterface
public interface PipelinedHandler {

	CompletableFuture<Reply> handle(CommandContext context);

}
