package org.progjar.chat.protocol;

import org.junit.jupiter.api.Test;

import org.progjar.chat.protocol.ConnectionLimits.Admission;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectionLimitsTests {

	private final ConnectionLimits limits = new ConnectionLimits(4, 2);

	@Test
	void anAddressGetsItsShareAndTheServerItsMaximum() {
		assertThat(this.limits.admit("10.0.0.1")).isEqualTo(Admission.ADMITTED);
		assertThat(this.limits.admit("10.0.0.1")).isEqualTo(Admission.ADMITTED);
		assertThat(this.limits.admit("10.0.0.1")).isEqualTo(Admission.ADDRESS_FULL);
		assertThat(this.limits.admit("10.0.0.2")).isEqualTo(Admission.ADMITTED);
		assertThat(this.limits.admit("10.0.0.3")).isEqualTo(Admission.ADMITTED);
		assertThat(this.limits.admit("10.0.0.4")).isEqualTo(Admission.SERVER_FULL);
		assertThat(this.limits.open()).isEqualTo(4);
	}

	@Test
	void aRefusalTakesNothingAndAReleaseFreesBothCounts() {
		this.limits.admit("10.0.0.1");
		this.limits.admit("10.0.0.1");
		this.limits.admit("10.0.0.1");
		this.limits.admit("10.0.0.2");
		this.limits.admit("10.0.0.3");
		assertThat(this.limits.admit("10.0.0.4")).isEqualTo(Admission.SERVER_FULL);

		this.limits.release("10.0.0.1");
		assertThat(this.limits.open()).isEqualTo(3);
		assertThat(this.limits.admit("10.0.0.1")).isEqualTo(Admission.ADMITTED);
		assertThat(this.limits.admit("10.0.0.1")).isEqualTo(Admission.SERVER_FULL);
		this.limits.release("10.0.0.2");
		assertThat(this.limits.admit("10.0.0.1")).isEqualTo(Admission.ADDRESS_FULL);
	}

}
