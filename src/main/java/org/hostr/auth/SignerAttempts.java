package org.hostr.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.hostr.web.ApiError;

/**
 * Remote-signer logins in progress, in memory only. An attempt is a login under way, not account state: if the
 * instance restarts, or the next poll lands on another instance, the person sees "start again" and loses nothing.
 * Each attempt holds sockets to the signer's relays, so how many can be open is capped, per client address and
 * overall.
 */
final class SignerAttempts {
    static final int MAX_PER_ADDRESS = 3;
    static final int MAX_OPEN = 300;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Clock clock;
    private final Duration lifetime;
    // Guarded by this. Insertion order is age order, which the sweep relies on.
    private final Map<String, SignerAttempt> attempts = new LinkedHashMap<>();

    /** @param lifetime how long an attempt stays readable: the signer's whole time, plus a margin to read the end */
    SignerAttempts(Clock clock, Duration lifetime) {
        this.clock = clock;
        this.lifetime = lifetime;
    }

    Duration lifetime() {
        return lifetime;
    }

    /** A new attempt bound to this browser, or 429 when this address (or the shop) has too many under way. */
    SignerAttempt open(String clientAddress, String browserToken) {
        Instant now = clock.instant();
        synchronized (this) {
            sweep(now);
            long mine = attempts.values().stream()
                    .filter(a -> a.clientAddress().equals(clientAddress) && a.inProgress()).count();
            if (mine >= MAX_PER_ADDRESS) {
                throw new ApiError(429, "too_many_attempts",
                        "you have " + mine + " remote-signer logins under way; finish or wait for one of them");
            }
            if (attempts.size() >= MAX_OPEN) {
                throw new ApiError(429, "too_many_attempts", "too many remote-signer logins are under way; try again in a minute");
            }
            SignerAttempt attempt = new SignerAttempt(randomHex(32), browserToken, clientAddress, now.plus(lifetime));
            attempts.put(attempt.id(), attempt);
            return attempt;
        }
    }

    /** The attempt with this id, if it is live and was started by the browser holding this token. */
    Optional<SignerAttempt> find(String id, String browserToken) {
        SignerAttempt attempt;
        synchronized (this) {
            sweep(clock.instant());
            attempt = id == null ? null : attempts.get(id);
        }
        if (attempt == null || browserToken == null || !MessageDigest.isEqual(
                attempt.browserToken().getBytes(StandardCharsets.UTF_8), browserToken.getBytes(StandardCharsets.UTF_8))) {
            return Optional.empty();
        }
        return Optional.of(attempt);
    }

    /** Single use: once its final state has been read, the attempt is gone. */
    synchronized void remove(String id) {
        attempts.remove(id);
    }

    synchronized int size() {
        return attempts.size();
    }

    static String randomHex(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return HexFormat.of().formatHex(value);
    }

    private void sweep(Instant now) {
        Iterator<SignerAttempt> oldestFirst = attempts.values().iterator();
        while (oldestFirst.hasNext()) {
            SignerAttempt attempt = oldestFirst.next();
            if (!attempt.expired(now)) {
                return;
            }
            oldestFirst.remove();
            attempt.abandon();
        }
    }
}
