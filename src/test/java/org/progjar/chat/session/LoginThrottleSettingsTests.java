package org.progjar.chat.session;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class LoginThrottleSettingsTests {

	@Test
	void eachFailurePastTheFreeOnesDoublesTheLockUpToTheCap() {
		LoginThrottleSettings settings = settings(Duration.ofSeconds(1), Duration.ofMinutes(5), Duration.ofHours(1));
		assertThat(settings.lockAfter(0)).isEqualTo(Duration.ofSeconds(1));
		assertThat(settings.lockAfter(1)).isEqualTo(Duration.ofSeconds(2));
		assertThat(settings.lockAfter(8)).isEqualTo(Duration.ofSeconds(256));
		assertThat(settings.lockAfter(9)).isEqualTo(Duration.ofMinutes(5));
		assertThat(settings.lockAfter(Integer.MAX_VALUE)).isEqualTo(Duration.ofMinutes(5));
	}

	@Test
	void aPairIsNotForgottenWhileItIsLocked() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> settings(Duration.ofSeconds(1), Duration.ofMinutes(5), Duration.ofMinutes(1)));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> settings(Duration.ofMinutes(10), Duration.ofMinutes(5), Duration.ofHours(1)));
	}

	private static LoginThrottleSettings settings(Duration firstLock, Duration maxLock, Duration forgetAfter) {
		return new LoginThrottleSettings(true, 5, firstLock, maxLock, forgetAfter, 100, 50, Duration.ofHours(1),
				Duration.ofDays(30), 100_000);
	}

}
