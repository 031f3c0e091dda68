package org.progjar.chat.support;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * Where a request came from, as the limits count it: an IPv4 address, or the /64 network of an
 * IPv6 address, since one IPv6 subscriber is handed a whole /64 and could otherwise pick a fresh
 * address for every request.
 * @param value the IPv4 address, or the IPv6 network's first address followed by {@code /64}
 */
public record ClientAddress(String value) {

	private static final int IPV6_PREFIX_BYTES = 8;

	private static final int MAX_LENGTH = 64;

	private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f.]*:[0-9A-Fa-f:.]*");

	/**
	 * @param literal an IP address as the socket or the servlet container reports it (IPv4 in
	 * dotted-quad form); never looked up in DNS
	 */
	public static ClientAddress of(String literal) {
		String bare = withoutScope(literal);
		if (IPV6.matcher(bare).matches()) {
			try {
				// With a colon in it, the JDK parses it as a literal or refuses it; it never asks DNS.
				InetAddress address = InetAddress.getByName(bare);
				if (!(address instanceof Inet6Address)) {
					return new ClientAddress(address.getHostAddress()); // IPv4-mapped
				}
				byte[] network = Arrays.copyOf(address.getAddress(), 16);
				Arrays.fill(network, IPV6_PREFIX_BYTES, network.length, (byte) 0);
				return new ClientAddress(InetAddress.getByAddress(network).getHostAddress() + "/64");
			}
			catch (UnknownHostException ex) {
				// not an address after all: counted as the text it is
			}
		}
		return new ClientAddress(bare.substring(0, Math.min(bare.length(), MAX_LENGTH)));
	}

	@Override
	public String toString() {
		return this.value;
	}

	private static String withoutScope(String literal) {
		String bare = (literal.startsWith("[") && literal.endsWith("]")) ? literal.substring(1, literal.length() - 1)
				: literal;
		int scope = bare.indexOf('%');
		return (scope < 0) ? bare : bare.substring(0, scope);
	}

}
