package org.progjar.chat.support;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClientAddressTests {

	@Test
	void anIpv4AddressIsCountedAsItIs() {
		assertThat(ClientAddress.of("127.0.0.2").value()).isEqualTo("127.0.0.2");
		assertThat(ClientAddress.of("203.0.113.7")).isEqualTo(ClientAddress.of("203.0.113.7"));
		assertThat(ClientAddress.of("203.0.113.7")).isNotEqualTo(ClientAddress.of("203.0.113.8"));
	}

	@Test
	void anIpv6AddressIsCountedByItsSlash64() {
		ClientAddress one = ClientAddress.of("2001:db8:1:2:aaaa:bbbb:cccc:dddd");
		assertThat(one.value()).isEqualTo("2001:db8:1:2:0:0:0:0/64");
		assertThat(ClientAddress.of("2001:0db8:0001:0002:0:0:0:1")).isEqualTo(one);
		assertThat(ClientAddress.of("[2001:db8:1:2::ffff]")).isEqualTo(one);
		assertThat(ClientAddress.of("fe80::1%lo")).isEqualTo(ClientAddress.of("fe80::2"));
		assertThat(ClientAddress.of("2001:db8:1:3::1")).isNotEqualTo(one);
	}

	@Test
	void anIpv4MappedAddressIsTheIpv4Address() {
		assertThat(ClientAddress.of("::ffff:192.0.2.1").value()).isEqualTo("192.0.2.1");
	}

	@Test
	void somethingElseIsNeverLookedUpAndKeptShort() {
		assertThat(ClientAddress.of("localhost").value()).isEqualTo("localhost");
		assertThat(ClientAddress.of("x".repeat(1000)).value()).hasSize(64);
	}

}
