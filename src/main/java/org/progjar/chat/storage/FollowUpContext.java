package org.progjar.chat.storage;

/**
 * Carries something of the submitting thread, such as the connection a request came through, to
 * the committer thread for the follow-up of a {@link GroupCommit} write.
 */
@FunctionalInterface
public interface FollowUpContext {

	/**
	 * Called on the submitting thread.
	 * @return what runs {@code followUp} on the committer thread, inside the captured context
	 */
	Runnable capture(Runnable followUp);

}
