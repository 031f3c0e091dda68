package org.progjar.chat.session;

/**
 * Published, synchronously, each time a login attempt is refused without its password being
 * checked; the one place to count them.
 * @param limit the limit that refused it
 */
public record LoginThrottled(Limit limit) {

	public enum Limit {

		/** Too many failures of this account from this address. */
		ACCOUNT_AND_ADDRESS,

		/** Too many failures from this address, over all accounts. */
		ADDRESS,

		/** Too many failures of this account from addresses it was never logged in from. */
		ACCOUNT

	}

}
