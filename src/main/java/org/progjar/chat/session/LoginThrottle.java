package org.progjar.chat.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.progjar.chat.error.RateLimitedException;
import org.progjar.chat.session.LoginThrottled.Limit;
import org.progjar.chat.support.ClientAddress;
import org.progjar.chat.user.Username;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Slows password guessing down (see {@link LoginThrottleSettings}). Every attempt is counted as a
 * failure before its password is checked, and handed back if it succeeds, so that attempts sent in
 * parallel cannot all slip in before the first failure is recorded. A refused attempt is answered
 * without checking its password, so it tells nothing, and counts nothing.
 * <p>
 * Accounts are known by the name the client typed, whether or not such a user exists: an unknown
 * user is throttled exactly like a real one, so the refusal is no oracle either. Everything is
 * kept in memory, in bounded tables; a restart forgets it.
 */
@Component
class LoginThrottle {

	private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);

	static final String REFUSAL = "Too many failed logins; wait and try again";

	/** All names that cannot be a user share one account key: nobody can own them. */
	private static final String NO_SUCH_ACCOUNT = "";

	private final LoginThrottleSettings settings;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	private final Cache<Pair, PairFailures> pairs;

	private final Cache<ClientAddress, Bucket> addressBudgets;

	private final Cache<String, Bucket> accountBudgets;

	/** Pairs that logged in: exempt from the account's budget. */
	private final Cache<Pair, Boolean> trusted;

	LoginThrottle(LoginThrottleSettings settings, Clock clock, ApplicationEventPublisher events) {
		this.settings = settings;
		this.clock = clock;
		this.events = events;
		this.pairs = Caffeine.newBuilder()
			.expireAfterAccess(settings.forgetAfter())
			.maximumSize(settings.maxTracked())
			.build();
		// A budget untouched for a whole window has refilled: as good as a new one.
		this.addressBudgets = Caffeine.newBuilder()
			.expireAfterAccess(settings.failureWindow())
			.maximumSize(settings.maxTracked())
			.build();
		this.accountBudgets = Caffeine.newBuilder()
			.expireAfterAccess(settings.failureWindow())
			.maximumSize(settings.maxTracked())
			.build();
		this.trusted = Caffeine.newBuilder()
			.expireAfterWrite(settings.trustFor())
			.maximumSize(settings.maxTracked())
			.build();
	}

	/**
	 * Counts an attempt to log in as {@code username} from {@code address}.
	 * @return the attempt, to be told if it succeeds
	 * @throws RateLimitedException when the attempt must not even be checked
	 */
	Attempt begin(String username, ClientAddress address) {
		if (!this.settings.enabled()) {
			return Attempt.UNCOUNTED;
		}
		Pair pair = new Pair(Username.isValid(username) ? username : NO_SUCH_ACCOUNT, address);
		Bucket addressBudget = this.addressBudgets.get(address, (key) -> budget(this.settings.addressFailures()));
		ConsumptionProbe fromAddress = addressBudget.tryConsumeAndReturnRemaining(1);
		if (!fromAddress.isConsumed()) {
			throw refused(Limit.ADDRESS, Duration.ofNanos(fromAddress.getNanosToWaitForRefill()));
		}
		Bucket accountBudget = null;
		if (this.trusted.getIfPresent(pair) == null) {
			accountBudget = this.accountBudgets.get(pair.account(), (key) -> budget(this.settings.accountFailures()));
			ConsumptionProbe ofAccount = accountBudget.tryConsumeAndReturnRemaining(1);
			if (!ofAccount.isConsumed()) {
				addressBudget.addTokens(1);
				throw refused(Limit.ACCOUNT, Duration.ofNanos(ofAccount.getNanosToWaitForRefill()));
			}
		}
		PairFailures failures = this.pairs.get(pair, (key) -> new PairFailures());
		Duration locked = failures.begin(this.clock.instant(), this.settings);
		if (locked != null) {
			addressBudget.addTokens(1);
			if (accountBudget != null) {
				accountBudget.addTokens(1);
			}
			throw refused(Limit.ACCOUNT_AND_ADDRESS, locked);
		}
		if (failures.count() == this.settings.freeAttempts()) {
			log.info("Throttling logins as {} from {}: {} attempts in a row without success",
					pair.account().isEmpty() ? "(not a username)" : pair.account(), address, failures.count());
		}
		Bucket fromAccount = accountBudget;
		return () -> succeeded(pair, addressBudget, fromAccount);
	}

	private void succeeded(Pair pair, Bucket addressBudget, @Nullable Bucket accountBudget) {
		this.pairs.invalidate(pair);
		this.trusted.put(pair, Boolean.TRUE);
		addressBudget.addTokens(1);
		if (accountBudget != null) {
			accountBudget.addTokens(1);
		}
	}

	private RateLimitedException refused(Limit limit, Duration retryAfter) {
		this.events.publishEvent(new LoginThrottled(limit));
		return new RateLimitedException(REFUSAL, retryAfter);
	}

	private Bucket budget(int failures) {
		return Bucket.builder()
			.addLimit((limit) -> limit.capacity(failures).refillGreedy(failures, this.settings.failureWindow()))
			.build();
	}

	/** A login attempt that was let through to the password check. */
	@FunctionalInterface
	interface Attempt {

		Attempt UNCOUNTED = () -> {
		};

		/** The password was right: the pair starts over, and its address is trusted by the account. */
		void succeeded();

	}

	private record Pair(String account, ClientAddress address) {
	}

	/** Failures of one account from one address, and the lock they earned. */
	private static final class PairFailures {

		private int failures;

		private @Nullable Instant lockedUntil;

		/** @return how long the pair is still locked, or null if the attempt may go ahead (and is counted) */
		synchronized @Nullable Duration begin(Instant now, LoginThrottleSettings settings) {
			if (this.lockedUntil != null && now.isBefore(this.lockedUntil)) {
				return Duration.between(now, this.lockedUntil);
			}
			this.failures++;
			int pastFree = this.failures - settings.freeAttempts();
			if (pastFree >= 0) {
				this.lockedUntil = now.plus(settings.lockAfter(pastFree));
			}
			return null;
		}

		synchronized int count() {
			return this.failures;
		}

	}

}
