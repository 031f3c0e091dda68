package org.progjar.chat.error;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimitedExceptionTests {

	@Test
	void theWaitIsRoundedUpToWholeSecondsAndIsAtLeastOne() {
		assertThat(wait(Duration.ofMillis(50))).isEqualTo(1);
		assertThat(wait(Duration.ZERO)).isEqualTo(1);
		assertThat(wait(Duration.ofSeconds(2))).isEqualTo(2);
		assertThat(wait(Duration.ofMillis(2001))).isEqualTo(3);
		assertThat(new RateLimitedException("slow down", Duration.ofSeconds(1)).code()).isEqualTo(ErrorCode.RATE_LIMITED);
	}

	private static long wait(Duration retryAfter) {
		return new RateLimitedException("slow down", retryAfter).retryAfterSeconds();
	}

}
