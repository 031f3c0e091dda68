package org.progjar.chat.bench;

/**
 * The text of a benchmark message: {@code bm<sender>.<counter>.} padded with {@code x} to the
 * message size. Only characters that neither URL-encoding nor JSON escaping changes, so the
 * text reads the same on every protocol, and a receiver knows who sent which message without
 * a lookup.
 */
final class BenchText {

	static final byte[] MARKER = Bytes.ascii("bm");

	private BenchText() {
	}

	static String of(int sender, int counter, int size) {
		StringBuilder text = new StringBuilder(size).append("bm").append(sender).append('.').append(counter).append('.');
		while (text.length() < size) {
			text.append('x');
		}
		return text.toString();
	}

	/**
	 * Reads the sender and counter of the text starting at {@code at}: the sender in the high
	 * half of the result, the counter in the low half; -1 when it is no benchmark text.
	 */
	static long parse(byte[] buf, int at, int to) {
		if (!Bytes.startsWith(buf, at, to, MARKER)) {
			return -1;
		}
		int i = at + 2;
		long sender = Bytes.number(buf, i, to);
		i = Bytes.skipDigits(buf, i, to);
		if (sender < 0 || i >= to || buf[i] != '.') {
			return -1;
		}
		long counter = Bytes.number(buf, i + 1, to);
		if (counter < 0) {
			return -1;
		}
		return (sender << 32) | counter;
	}

	static int sender(long parsed) {
		return (int) (parsed >>> 32);
	}

	static int counter(long parsed) {
		return (int) parsed;
	}

	/** Finds a benchmark text anywhere in a line (a pushed event of unknown shape). */
	static long find(byte[] buf, int from, int to) {
		int i = from;
		while ((i = Bytes.indexOf(buf, i, to, MARKER)) >= 0) {
			if (i > from && buf[i - 1] == '"') {
				long parsed = parse(buf, i, to);
				if (parsed >= 0) {
					return parsed;
				}
			}
			i += 2;
		}
		return -1;
	}

}
