package org.hostr.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One row of the jobs table. A claimed job carries the lease it was claimed with (lockedBy and attempts), which
 * completing or failing it must still match.
 */
public record Job(long id, String kind, JsonNode payload, String idempotencyKey, JobStatus status, int attempts,
                  int maxAttempts, Instant runAt, String lockedBy, Instant lockedUntil, String lastError,
                  Instant createdAt, Instant updatedAt, Instant finishedAt) {

    /** A number from the payload; a job without it can never succeed, so it fails permanently. */
    public long longField(String name) {
        JsonNode value = payload.get(name);
        if (value == null || !value.canConvertToLong()) {
            throw new PermanentJobException("job " + id + " (" + kind + ") has no number '" + name + "' in its payload");
        }
        return value.asLong();
    }

    /** A text from the payload; a job without it can never succeed, so it fails permanently. */
    public String textField(String name) {
        JsonNode value = payload.get(name);
        if (value == null || !value.isTextual()) {
            throw new PermanentJobException("job " + id + " (" + kind + ") has no text '" + name + "' in its payload");
        }
        return value.asText();
    }

    public boolean periodic() {
        return idempotencyKey.startsWith(PeriodicTask.KEY_PREFIX);
    }
}
