package org.hostr.nostr;

import java.nio.ByteBuffer;

/**
 * A SecureRandom whose bytes follow from a seed (sha256 of seed and a counter), so a test can run the same gift
 * wrap twice. Every other method of SecureRandom draws from nextBytes, so they follow the seed too.
 */
final class RepeatableRandom extends java.security.SecureRandom {
    private final long seed;
    private long counter;

    RepeatableRandom(long seed) {
        this.seed = seed;
    }

    @Override
    public synchronized void nextBytes(byte[] bytes) {
        int filled = 0;
        while (filled < bytes.length) {
            byte[] block = EventSerializer.sha256(ByteBuffer.allocate(16).putLong(seed).putLong(counter++).array());
            int n = Math.min(block.length, bytes.length - filled);
            System.arraycopy(block, 0, bytes, filled, n);
            filled += n;
        }
    }
}
