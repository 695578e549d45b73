package org.hostr.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;

/**
 * A job to enqueue. The idempotency key is the caller's name for the work ("provision:service:42"): enqueueing the
 * same key again returns the existing job, whatever its status, so a settled invoice cannot provision twice.
 *
 * @param runAt null means now
 */
public record NewJob(String kind, String idempotencyKey, JsonNode payload, Instant runAt, int maxAttempts) {
    public static final int DEFAULT_MAX_ATTEMPTS = 10;

    public NewJob {
        if (kind == null || kind.isBlank()) {
            throw new IllegalArgumentException("a job needs a kind");
        }
        if (idempotencyKey == null || idempotencyKey.isBlank()) {
            throw new IllegalArgumentException("job of kind " + kind + " needs an idempotency key");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("job " + idempotencyKey + ": max attempts must be at least 1, was " + maxAttempts);
        }
        payload = Objects.requireNonNullElseGet(payload, JobPayloads::empty);
    }

    /** @param payload a Map, a record or a JsonNode; null for none */
    public static NewJob of(String kind, String idempotencyKey, Object payload) {
        return new NewJob(kind, idempotencyKey, JobPayloads.toTree(payload), null, DEFAULT_MAX_ATTEMPTS);
    }

    public NewJob runAt(Instant when) {
        return new NewJob(kind, idempotencyKey, payload, when, maxAttempts);
    }

    public NewJob maxAttempts(int attempts) {
        return new NewJob(kind, idempotencyKey, payload, runAt, attempts);
    }
}
