package org.progjar.chat.protocol;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ElasticBufferedInputStreamTests {

	@Test
	void byteAndArrayReadsGiveBackTheStreamWhateverItsChunks() throws IOException {
		Random random = new Random(42);
		for (int round = 0; round < 200; round++) {
			byte[] data = new byte[random.nextInt(20_000)];
			random.nextBytes(data);
			ElasticBufferedInputStream stream = new ElasticBufferedInputStream(new Chunked(data, random), 16, 64);
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			int read;
			do {
				if (random.nextBoolean()) {
					read = stream.read();
					if (read >= 0) {
						out.write(read);
					}
				}
				else {
					byte[] bytes = new byte[1 + random.nextInt(100)];
					int offset = random.nextInt(bytes.length);
					read = stream.read(bytes, offset, bytes.length - offset);
					if (read > 0) {
						out.write(bytes, offset, read);
					}
				}
			}
			while (read >= 0);
			assertThat(out.toByteArray()).as("round %d", round).isEqualTo(data);
		}
	}

	@Test
	void aQuietClientLeavesTheSmallBufferAndAStreamingOneGetsTheLargeOne() throws IOException {
		// Reads as a socket gives them: one short request, then a long line, then quiet again.
		List<byte[]> arrivals = List.of(new byte[10], new byte[16], new byte[64], new byte[64], new byte[30],
				new byte[5]);
		ElasticBufferedInputStream stream = new ElasticBufferedInputStream(new Arrivals(arrivals), 16, 64);
		List<Integer> sizes = new ArrayList<>();
		for (byte[] arrival : arrivals) {
			for (int i = 0; i < arrival.length; i++) {
				assertThat(stream.read()).isZero();
			}
			sizes.add(stream.bufferSize());
		}
		// A full small read moves to the large buffer, full large reads keep it, a short one ends it.
		assertThat(sizes).containsExactly(16, 16, 64, 64, 64, 16);
		assertThat(stream.read()).isEqualTo(-1);
	}

	/** Gives back the data in chunks of random size, as a socket does. */
	private static final class Chunked extends InputStream {

		private final byte[] data;

		private final Random random;

		private int position;

		Chunked(byte[] data, Random random) {
			this.data = data;
			this.random = random;
		}

		@Override
		public int read() {
			return (this.position < this.data.length) ? this.data[this.position++] & 0xff : -1;
		}

		@Override
		public int read(byte[] bytes, int offset, int length) {
			if (this.position >= this.data.length) {
				return -1;
			}
			int chunk = Math.min(1 + this.random.nextInt(length), this.data.length - this.position);
			System.arraycopy(this.data, this.position, bytes, offset, chunk);
			this.position += chunk;
			return chunk;
		}

	}

	/** Each read returns at most what one arrival has left. */
	private static final class Arrivals extends InputStream {

		private final List<byte[]> arrivals;

		private int arrival;

		private int position;

		Arrivals(List<byte[]> arrivals) {
			this.arrivals = arrivals;
		}

		@Override
		public int read() {
			throw new UnsupportedOperationException("reads go through a buffer");
		}

		@Override
		public int read(byte[] bytes, int offset, int length) {
			if (this.arrival >= this.arrivals.size()) {
				return -1;
			}
			byte[] current = this.arrivals.get(this.arrival);
			int chunk = Math.min(length, current.length - this.position);
			System.arraycopy(current, this.position, bytes, offset, chunk);
			this.position += chunk;
			if (this.position == current.length) {
				this.arrival++;
				this.position = 0;
			}
			return chunk;
		}

	}

}
