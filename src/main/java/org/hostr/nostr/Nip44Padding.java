package org.hostr.nostr;

/**
 * NIP-44 v2 padding: {@code [length: u16 big-endian][plaintext][zeros]}, padded to 32 bytes for short messages and
 * then to powers-of-two-ish steps, so a ciphertext's size tells only roughly how long the message was.
 */
final class Nip44Padding {
    static final int MIN_PLAINTEXT_BYTES = 1;
    /** The u16 length prefix can say no more. A newer extended prefix exists, but not every client reads it yet. */
    static final int MAX_PLAINTEXT_BYTES = 65535;
    private static final int PREFIX_BYTES = 2;

    private Nip44Padding() {
    }

    /** Bytes the plaintext occupies after padding, without the 2-byte prefix. */
    static int paddedLength(int unpaddedLength) {
        if (unpaddedLength <= 32) {
            return 32;
        }
        int nextPower = Integer.highestOneBit(unpaddedLength - 1) << 1;
        int chunk = nextPower <= 256 ? 32 : nextPower / 8;
        return chunk * ((unpaddedLength - 1) / chunk + 1);
    }

    static byte[] pad(byte[] plaintext) {
        int length = plaintext.length;
        if (length < MIN_PLAINTEXT_BYTES || length > MAX_PLAINTEXT_BYTES) {
            throw new IllegalArgumentException("a NIP-44 v2 message must be " + MIN_PLAINTEXT_BYTES + " to "
                    + MAX_PLAINTEXT_BYTES + " bytes of UTF-8, got " + length);
        }
        byte[] padded = new byte[PREFIX_BYTES + paddedLength(length)];
        padded[0] = (byte) (length >>> 8);
        padded[1] = (byte) length;
        System.arraycopy(plaintext, 0, padded, PREFIX_BYTES, length);
        return padded;
    }

    /** The plaintext bytes; only the sizes are checked, as NIP-44 prescribes (the MAC already vouches for the rest). */
    static byte[] unpad(byte[] padded) throws InvalidPayloadException {
        if (padded.length < PREFIX_BYTES) {
            throw new InvalidPayloadException(InvalidPayloadException.Reason.BAD_PADDING);
        }
        int length = (padded[0] & 0xff) << 8 | (padded[1] & 0xff);
        if (length < MIN_PLAINTEXT_BYTES || padded.length != PREFIX_BYTES + paddedLength(length)) {
            throw new InvalidPayloadException(InvalidPayloadException.Reason.BAD_PADDING);
        }
        byte[] plaintext = new byte[length];
        System.arraycopy(padded, PREFIX_BYTES, plaintext, 0, length);
        return plaintext;
    }
}
