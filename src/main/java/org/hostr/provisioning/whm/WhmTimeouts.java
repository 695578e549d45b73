package org.hostr.provisioning.whm;

import java.time.Duration;

/**
 * How long the client waits for WHM.
 *
 * @param connect       to open the TCP + TLS connection
 * @param read          for an answer to an ordinary call
 * @param createAccount for an answer to createacct, which routinely takes tens of seconds; FOSSBilling's 90 s
 *                      was not enough (FOSSBilling #1086), hence a default well above 120 s
 */
public record WhmTimeouts(Duration connect, Duration read, Duration createAccount) {

    public static final WhmTimeouts DEFAULT =
            new WhmTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(180));

    public WhmTimeouts {
        requirePositive("connect", connect);
        requirePositive("read", read);
        requirePositive("createAccount", createAccount);
    }

    private static void requirePositive(String name, Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException("WHM " + name + " timeout must be positive, found " + value);
        }
    }
}
