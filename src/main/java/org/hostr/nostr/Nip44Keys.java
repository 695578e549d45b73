package org.hostr.nostr;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.bouncycastle.crypto.agreement.ECDHBasicAgreement;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.signers.BIP340Signer;
import org.bouncycastle.util.BigIntegers;

/** The two key derivations of NIP-44 v2: one key per pair of people, then fresh keys for every message. */
final class Nip44Keys {
    private static final byte[] SALT = "nip44-v2".getBytes(StandardCharsets.US_ASCII);
    private static final int MESSAGE_KEYS_BYTES = 76;

    /** ChaCha20 key (32), ChaCha20 nonce (12) and HMAC key (32), sliced from one HKDF-expand output. */
    record MessageKeys(byte[] chachaKey, byte[] chachaNonce, byte[] hmacKey) {
    }

    private Nip44Keys() {
    }

    /**
     * HKDF-extract(salt "nip44-v2", IKM = x of a·B, unhashed). The same for (a, B) and (b, A). Keys are checked as
     * BIP-340 demands: a scalar in [1, n-1] and an x that lifts to a curve point; an invalid one is refused rather
     * than producing a key an attacker might predict.
     *
     * @throws IllegalArgumentException for an invalid secret key or a public key that is not on secp256k1
     */
    static byte[] conversationKey(byte[] secretKey, byte[] xOnlyPublicKey) {
        if (!Schnorr.isValidSecretKey(secretKey)) {
            throw new IllegalArgumentException("a secret key must be 32 bytes encoding 1 ≤ d < n");
        }
        ECPublicKeyParameters publicKey = xOnlyPublicKey == null || xOnlyPublicKey.length != 32
                ? null : BIP340Signer.decodePublicKey(xOnlyPublicKey);
        if (publicKey == null) {
            throw new IllegalArgumentException("the public key is not the x coordinate of a secp256k1 point");
        }
        ECDHBasicAgreement agreement = new ECDHBasicAgreement();
        agreement.init(new ECPrivateKeyParameters(BigIntegers.fromUnsignedByteArray(secretKey),
                BIP340Signer.getDomain()));
        BigInteger sharedX = agreement.calculateAgreement(publicKey);
        // HKDF-extract is HMAC(salt, IKM); Bouncy Castle keeps its extract step private, so it is spelled out.
        return hmacSha256(SALT, BigIntegers.asUnsignedByteArray(32, sharedX));
    }

    static MessageKeys messageKeys(byte[] conversationKey, byte[] nonce) {
        if (conversationKey == null || conversationKey.length != 32) {
            throw new IllegalArgumentException("a NIP-44 conversation key is 32 bytes");
        }
        if (nonce == null || nonce.length != 32) {
            throw new IllegalArgumentException("a NIP-44 nonce is 32 bytes");
        }
        HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
        hkdf.init(HKDFParameters.skipExtractParameters(conversationKey, nonce));
        byte[] keys = new byte[MESSAGE_KEYS_BYTES];
        hkdf.generateBytes(keys, 0, keys.length);
        return new MessageKeys(Arrays.copyOfRange(keys, 0, 32), Arrays.copyOfRange(keys, 32, 44),
                Arrays.copyOfRange(keys, 44, 76));
    }

    static byte[] hmacSha256(byte[] key, byte[]... parts) {
        HMac hmac = new HMac(new SHA256Digest());
        hmac.init(new KeyParameter(key));
        for (byte[] part : parts) {
            hmac.update(part, 0, part.length);
        }
        byte[] mac = new byte[hmac.getMacSize()];
        hmac.doFinal(mac, 0);
        return mac;
    }
}
