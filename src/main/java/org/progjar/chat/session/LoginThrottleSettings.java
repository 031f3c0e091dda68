package org.progjar.chat.session;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Password guessing. Failed logins are counted per account and client address (the main limit:
 * a lock that doubles with each failure, up to {@code max-lock}), per address over all accounts
 * (one address trying one password on many accounts) and per account over all addresses (many
 * addresses guessing one account; an address that logged in to the account before is exempt, so
 * an attacker cannot lock its owner out).
 * @param enabled whether failed logins are throttled at all
 * @param freeAttempts failures of one account from one address before it is locked there
 * @param firstLock how long the first lock lasts; each further failure doubles it
 * @param maxLock the longest lock
 * @param forgetAfter an account and address pair with no attempt for this long starts over
 * @param addressFailures failures one address may make, over all accounts, per {@code failure-window}
 * @param accountFailures failures one account may get from addresses it was never logged in from,
 * per {@code failure-window}
 * @param failureWindow the time in which the two budgets above refill completely (evenly)
 * @param trustFor how long a successful login exempts its address from the account's budget
 * @param maxTracked most accounts, addresses and pairs remembered in each table; the least
 * recently used is forgotten first
 */
@ConfigurationProperties("chat.login-throttle")
public record LoginThrottleSettings(@DefaultValue("true") boolean enabled, @DefaultValue("5") int freeAttempts,
		@DefaultValue("1s") Duration firstLock, @DefaultValue("5m") Duration maxLock,
		@DefaultValue("1h") Duration forgetAfter, @DefaultValue("100") int addressFailures,
		@DefaultValue("50") int accountFailures, @DefaultValue("1h") Duration failureWindow,
		@DefaultValue("30d") Duration trustFor, @DefaultValue("100000") int maxTracked) {

	public LoginThrottleSettings {
		if (freeAttempts < 1 || addressFailures < 1 || accountFailures < 1 || maxTracked < 1) {
			throw new IllegalArgumentException("Login throttle counts must be at least 1");
		}
		if (!firstLock.isPositive() || maxLock.compareTo(firstLock) < 0 || forgetAfter.compareTo(maxLock) < 0
				|| !failureWindow.isPositive() || !trustFor.isPositive()) {
			throw new IllegalArgumentException(
					"Login throttle times must be positive, with first-lock <= max-lock <= forget-after");
		}
	}

	/** The lock after the given failure past the free ones (0 for the first): doubling, capped. */
	Duration lockAfter(int failuresPastFree) {
		Duration lock = this.firstLock.multipliedBy(1L << Math.min(failuresPastFree, 30));
		return (lock.compareTo(this.maxLock) > 0) ? this.maxLock : lock;
	}

}
