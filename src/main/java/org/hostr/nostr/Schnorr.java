package org.hostr.nostr;

import java.math.BigInteger;
import java.security.SecureRandom;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.BIP340Signer;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.bouncycastle.util.BigIntegers;

/**
 * BIP-340 Schnorr signatures over secp256k1, through Bouncy Castle's {@link BIP340Signer} (1.85+; it passes all 19
 * official vectors). A signer buffers the message, so every call takes a fresh instance: sharing one between threads
 * would mix messages.
 */
public final class Schnorr {
    private static final ECDomainParameters SECP256K1 = BIP340Signer.getDomain();
    private static final SecureRandom RANDOM = new SecureRandom();

    private Schnorr() {
    }

    /**
     * True only for a valid signature. Never throws: a public key, message or signature from the network that is
     * null, the wrong length, off the curve or out of range is simply not valid.
     */
    public static boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
        if (publicKey == null || publicKey.length != 32 || message == null
                || signature == null || signature.length != 64) {
            return false;
        }
        try {
            ECPublicKeyParameters key = BIP340Signer.decodePublicKey(publicKey);
            if (key == null) {
                return false;
            }
            BIP340Signer signer = new BIP340Signer();
            signer.init(false, key);
            signer.update(message, 0, message.length);
            return signer.verifySignature(signature);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Signs with fresh random aux data, as BIP-340 recommends against side-channel attacks. */
    public static byte[] sign(byte[] secretKey, byte[] message) {
        byte[] auxRand = new byte[32];
        RANDOM.nextBytes(auxRand);
        return sign(secretKey, message, auxRand);
    }

    /**
     * Signs with the given 32 bytes of aux randomness; with the same inputs the signature is the same, which is what
     * the BIP-340 test vectors check.
     */
    public static byte[] sign(byte[] secretKey, byte[] message, byte[] auxRand) {
        if (auxRand == null || auxRand.length != 32) {
            throw new IllegalArgumentException("BIP-340 aux randomness must be 32 bytes");
        }
        ECPrivateKeyParameters key = privateKey(secretKey);
        // d·G once, for the signer and for the check below: given only the secret key, BIP340Signer works it out
        // itself, and d·G costs as much as the rest of a signature.
        ECPoint point = publicPoint(key);
        BIP340Signer signer = new BIP340Signer();
        // BIP340Signer draws its 32 aux bytes from the SecureRandom it is given; this one hands over ours.
        signer.init(true, new AsymmetricCipherKeyPair(new ECPublicKeyParameters(point, SECP256K1), key), new AuxRandom(auxRand));
        signer.update(message, 0, message.length);
        byte[] signature = signer.generateSignature();
        // BIP-340 advises checking a fresh signature: a fault during signing could otherwise leak the key.
        if (!verify(xOnly(point), message, signature)) {
            throw new IllegalStateException("BIP-340 signature failed its own verification");
        }
        return signature;
    }

    /** The 32-byte x-only public key of a secret key (the x of d·G; BIP-340 keys always mean the even-y point). */
    public static byte[] publicKey(byte[] secretKey) {
        return xOnly(publicPoint(privateKey(secretKey)));
    }

    private static ECPoint publicPoint(ECPrivateKeyParameters key) {
        return new FixedPointCombMultiplier().multiply(SECP256K1.getG(), key.getD()).normalize();
    }

    private static byte[] xOnly(ECPoint point) {
        return BigIntegers.asUnsignedByteArray(32, point.getAffineXCoord().toBigInteger());
    }

    /** True for 32 bytes that encode a number d with 1 ≤ d < n, the only usable secret keys. */
    public static boolean isValidSecretKey(byte[] secretKey) {
        if (secretKey == null || secretKey.length != 32) {
            return false;
        }
        BigInteger d = BigIntegers.fromUnsignedByteArray(secretKey);
        return d.signum() > 0 && d.compareTo(SECP256K1.getN()) < 0;
    }

    private static ECPrivateKeyParameters privateKey(byte[] secretKey) {
        if (!isValidSecretKey(secretKey)) {
            throw new IllegalArgumentException("a secret key must be 32 bytes encoding 1 ≤ d < n");
        }
        return new ECPrivateKeyParameters(BigIntegers.fromUnsignedByteArray(secretKey), SECP256K1);
    }

    /** Returns the fixed aux bytes; BIP340Signer asks for exactly 32 once per signature. */
    private static final class AuxRandom extends SecureRandom {
        private final byte[] auxRand;

        AuxRandom(byte[] auxRand) {
            this.auxRand = auxRand.clone();
        }

        @Override
        public void nextBytes(byte[] bytes) {
            if (bytes.length != auxRand.length) {
                throw new IllegalStateException("BIP340Signer asked for " + bytes.length + " aux bytes, expected 32");
            }
            System.arraycopy(auxRand, 0, bytes, 0, bytes.length);
        }
    }
}
