package org.hostr.provisioning;

import java.security.SecureRandom;

/**
 * Random cPanel passwords: 20 characters with lowercase, uppercase, digits and symbols, which passes WHM's strength
 * meter by a wide margin. The symbols avoid quotes, backslash, spaces and characters shells or URLs treat specially
 * ({@code & = + % #}), because customers paste these into FTP clients and config files.
 */
public final class AccountPasswords {
    public static final int LENGTH = 20;
    private static final String LOWER = "abcdefghijkmnopqrstuvwxyz";
    private static final String UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private static final String DIGITS = "23456789";
    private static final String SYMBOLS = "!@^*-_.,:~";
    private static final String ALL = LOWER + UPPER + DIGITS + SYMBOLS;

    private final SecureRandom random;

    public AccountPasswords() {
        this(new SecureRandom());
    }

    AccountPasswords(SecureRandom random) {
        this.random = random;
    }

    public String next() {
        char[] out = new char[LENGTH];
        // One of each kind first, then shuffled, so every password has all four.
        out[0] = pick(LOWER);
        out[1] = pick(UPPER);
        out[2] = pick(DIGITS);
        out[3] = pick(SYMBOLS);
        for (int i = 4; i < LENGTH; i++) {
            out[i] = pick(ALL);
        }
        for (int i = LENGTH - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            char t = out[i];
            out[i] = out[j];
            out[j] = t;
        }
        return new String(out);
    }

    private char pick(String alphabet) {
        return alphabet.charAt(random.nextInt(alphabet.length()));
    }
}
