package org.hostr.auth;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Limits challenges and logins per client address (bucket4j token buckets). The address is whatever the web shell
 * resolved: the socket's, or the trusted proxy header's last entry, never a header the client picked.
 */
final class LoginRateLimiter {
    private static final int MAX_TRACKED = 100_000;

    private final int perMinute;
    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    LoginRateLimiter(int perMinute) {
        this.perMinute = perMinute;
    }

    boolean allow(String bucket, String address) {
        if (buckets.size() > MAX_TRACKED) {
            // A flood of addresses: start over rather than grow without bound.
            buckets.clear();
        }
        return buckets.computeIfAbsent(bucket + "|" + address, k -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)).build())
                .build()).tryConsume(1);
    }
}
