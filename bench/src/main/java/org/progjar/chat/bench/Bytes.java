package org.progjar.chat.bench;

import java.nio.charset.StandardCharsets;

/** Allocation-free scanning of the lines the servers send. */
final class Bytes {

	private Bytes() {
	}

	static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

	/** Index of the first {@code pattern} in {@code buf[from, to)}, or -1. */
	static int indexOf(byte[] buf, int from, int to, byte[] pattern) {
		byte first = pattern[0];
		int last = to - pattern.length;
		outer: for (int i = from; i <= last; i++) {
			if (buf[i] != first) {
				continue;
			}
			for (int j = 1; j < pattern.length; j++) {
				if (buf[i + j] != pattern[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

	static boolean startsWith(byte[] buf, int from, int to, byte[] prefix) {
		if (to - from < prefix.length) {
			return false;
		}
		for (int j = 0; j < prefix.length; j++) {
			if (buf[from + j] != prefix[j]) {
				return false;
			}
		}
		return true;
	}

	/** The non-negative decimal number at {@code from}, or -1 when there is no digit there. */
	static long number(byte[] buf, int from, int to) {
		long value = 0;
		int i = from;
		while (i < to && buf[i] >= '0' && buf[i] <= '9') {
			value = value * 10 + (buf[i] - '0');
			i++;
		}
		return (i == from) ? -1 : value;
	}

	/** The index after the digits starting at {@code from}. */
	static int skipDigits(byte[] buf, int from, int to) {
		int i = from;
		while (i < to && buf[i] >= '0' && buf[i] <= '9') {
			i++;
		}
		return i;
	}

	static String string(byte[] buf, int start, int end) {
		return new String(buf, start, end - start, StandardCharsets.UTF_8);
	}

}
