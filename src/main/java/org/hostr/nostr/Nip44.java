package org.hostr.nostr;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import org.bouncycastle.crypto.engines.ChaCha7539Engine;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

/**
 * NIP-44 v2 encrypted payloads: what the content of a seal and a gift wrap (NIP-59) is made of. The payload is
 * {@code base64(0x02 ‖ nonce ‖ ChaCha20(padded plaintext) ‖ HMAC-SHA256(nonce ‖ ciphertext))}. It is not signed:
 * it must travel inside a signed event, which is what tells the reader who wrote it.
 */
public final class Nip44 {
    private static final byte VERSION = 2;
    private static final int NONCE_BYTES = 32;
    private static final int MAC_BYTES = 32;
    // Bounds from NIP-44: checked on the text first so an oversized payload costs no base64 decoding.
    private static final int MIN_PAYLOAD_CHARS = 132;
    private static final int MAX_PAYLOAD_CHARS = 87472;
    private static final int MIN_PAYLOAD_BYTES = 99;
    private static final int MAX_PAYLOAD_BYTES = 65603;

    private Nip44() {
    }

    /**
     * The key two people share: the same from (our secret, their public) as from (their secret, our public).
     *
     * @param publicKeyHex the other side's x-only public key, 64 lowercase hex characters
     * @throws IllegalArgumentException for an invalid secret key or a public key that is not on secp256k1
     */
    public static byte[] conversationKey(byte[] secretKey, String publicKeyHex) {
        if (!Hex.isLowercaseHex(publicKeyHex, 32)) {
            throw new IllegalArgumentException("a public key must be 64 lowercase hex characters");
        }
        return Nip44Keys.conversationKey(secretKey, Hex.decode(publicKeyHex, 32));
    }

    /**
     * Encrypts with a fresh nonce from {@code random}.
     *
     * @throws IllegalArgumentException when the text is empty, longer than 65535 bytes of UTF-8, or not valid
     *                                  Unicode (a lone surrogate)
     */
    public static String encrypt(String plaintext, byte[] conversationKey, SecureRandom random) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        return encrypt(plaintext, conversationKey, nonce);
    }

    /** Encrypts with the given nonce. Never reuse a nonce with the same key: only tests pass one in. */
    static String encrypt(String plaintext, byte[] conversationKey, byte[] nonce) {
        // Every char is at least one UTF-8 byte: a text this long can only be refused, so skip encoding it.
        if (plaintext.length() > Nip44Padding.MAX_PLAINTEXT_BYTES) {
            throw new IllegalArgumentException("a NIP-44 v2 message must be at most "
                    + Nip44Padding.MAX_PLAINTEXT_BYTES + " bytes of UTF-8, got " + plaintext.length() + " characters");
        }
        Nip44Keys.MessageKeys keys = Nip44Keys.messageKeys(conversationKey, nonce);
        byte[] ciphertext = chacha20(keys, Nip44Padding.pad(utf8(plaintext)));
        byte[] mac = Nip44Keys.hmacSha256(keys.hmacKey(), nonce, ciphertext);
        ByteBuffer payload = ByteBuffer.allocate(1 + NONCE_BYTES + ciphertext.length + MAC_BYTES);
        payload.put(VERSION).put(nonce).put(ciphertext).put(mac);
        return Base64.getEncoder().encodeToString(payload.array());
    }

    /**
     * Opens a payload. The MAC is checked, in constant time, before anything is decrypted.
     *
     * @throws InvalidPayloadException when the payload is malformed, of another version, not for this key, altered,
     *                                 or badly padded
     */
    public static String decrypt(String payload, byte[] conversationKey) throws InvalidPayloadException {
        if (payload == null || payload.isEmpty() || payload.charAt(0) == '#') {
            throw new InvalidPayloadException(InvalidPayloadException.Reason.UNKNOWN_VERSION);
        }
        if (payload.length() < MIN_PAYLOAD_CHARS || payload.length() > MAX_PAYLOAD_CHARS) {
            throw new InvalidPayloadException(InvalidPayloadException.Reason.BAD_LENGTH);
        }
        byte[] data;
        try {
            data = Base64.getDecoder().decode(payload);
        } catch (IllegalArgumentException e) {
            throw new InvalidPayloadException(InvalidPayloadException.Reason.NOT_BASE64);
        }
        if (data.length < MIN_PAYLOAD_BYTES || data.length > MAX_PAYLOAD_BYTES) {
            throw new InvalidPayloadException(InvalidPayloadException.Reason.BAD_LENGTH);
        }
        if (data[0] != VERSION) {
            throw new InvalidPayloadException(InvalidPayloadException.Reason.UNKNOWN_VERSION);
        }
        byte[] nonce = Arrays.copyOfRange(data, 1, 1 + NONCE_BYTES);
        byte[] ciphertext = Arrays.copyOfRange(data, 1 + NONCE_BYTES, data.length - MAC_BYTES);
        byte[] mac = Arrays.copyOfRange(data, data.length - MAC_BYTES, data.length);

        Nip44Keys.MessageKeys keys = Nip44Keys.messageKeys(conversationKey, nonce);
        if (!MessageDigest.isEqual(Nip44Keys.hmacSha256(keys.hmacKey(), nonce, ciphertext), mac)) {
            throw new InvalidPayloadException(InvalidPayloadException.Reason.BAD_MAC);
        }
        return fromUtf8(Nip44Padding.unpad(chacha20(keys, ciphertext)));
    }

    /** RFC 8439 ChaCha20 with the block counter starting at 0; the same call encrypts and decrypts. */
    private static byte[] chacha20(Nip44Keys.MessageKeys keys, byte[] input) {
        ChaCha7539Engine engine = new ChaCha7539Engine();
        engine.init(true, new ParametersWithIV(new KeyParameter(keys.chachaKey()), keys.chachaNonce()));
        byte[] output = new byte[input.length];
        engine.processBytes(input, 0, input.length, output, 0);
        return output;
    }

    // Strict both ways: String.getBytes would silently turn a lone surrogate into '?', and new String(bytes) would
    // turn broken UTF-8 into U+FFFD, so the reader would see a different text from the one that was sent.
    private static byte[] utf8(String text) {
        try {
            ByteBuffer bytes = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(text));
            return Arrays.copyOfRange(bytes.array(), bytes.arrayOffset() + bytes.position(),
                    bytes.arrayOffset() + bytes.limit());
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("the message is not valid Unicode (it has a lone surrogate)");
        }
    }

    private static String fromUtf8(byte[] bytes) throws InvalidPayloadException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new InvalidPayloadException(InvalidPayloadException.Reason.NOT_UTF8);
        }
    }
}
