package org.progjar.chat.ratelimit;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

import org.progjar.chat.error.RateLimitedException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * The flood-control core both transports use: one Bucket4j token bucket per scope and holder.
 * Buckets are kept in a bounded cache that drops one once it has been idle for as long as it
 * takes to refill: by then it is full, the same as a new one, so dropping it forgives nothing.
 */
@Component
public class RateLimiter {

	private final RateLimitSettings settings;

	private final ApplicationEventPublisher events;

	private final Map<Scope, Cache<RateKey, Bucket>> buckets = new EnumMap<>(Scope.class);

	RateLimiter(RateLimitSettings settings, ApplicationEventPublisher events) {
		this.settings = settings;
		this.events = events;
		for (Scope scope : Scope.values()) {
			this.buckets.put(scope, Caffeine.newBuilder()
				.expireAfterAccess(settings.refillTime(scope).plusSeconds(1))
				.maximumSize(settings.maxTracked())
				.build());
		}
	}

	/**
	 * Takes one request from the holder's bucket.
	 * @throws RateLimitedException when the bucket is empty, with the time until it has one again
	 */
	public void check(Surface surface, Scope scope, RateKey holder) {
		if (!this.settings.enabled()) {
			return;
		}
		ConsumptionProbe probe = this.buckets.get(scope)
			.get(holder, (key) -> newBucket(scope))
			.tryConsumeAndReturnRemaining(1);
		if (!probe.isConsumed()) {
			this.events.publishEvent(new RequestRateLimited(surface, scope));
			throw new RateLimitedException(scope.refusal(), Duration.ofNanos(probe.getNanosToWaitForRefill()));
		}
	}

	private Bucket newBucket(Scope scope) {
		// Greedy refill: tokens come back evenly over the second, not all at once at its end.
		return Bucket.builder()
			.addLimit((limit) -> limit.capacity(this.settings.burst(scope))
				.refillGreedy(this.settings.perSecond(scope), Duration.ofSeconds(1)))
			.build();
	}

}
