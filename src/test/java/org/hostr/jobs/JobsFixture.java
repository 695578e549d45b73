package org.hostr.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.hostr.db.Database;
import org.hostr.testing.TestDatabases;
import org.hostr.testing.TestDatabases.Kind;

/** A fresh database, a movable clock and a queue over them; workers that run jobs in the test's own thread. */
final class JobsFixture implements AutoCloseable {
    static final Duration LEASE = Duration.ofMinutes(5);
    /** No jitter, so delays can be compared exactly: 1 s, 2 s, 4 s, … */
    static final RetryPolicy PLAIN_BACKOFF = new RetryPolicy(Duration.ofSeconds(1), 2.0, Duration.ofHours(1), 0.0);

    final Database db;
    final TestClock clock = new TestClock();
    final JobQueue queue;

    private JobsFixture(Database db) {
        this.db = db;
        this.queue = new JobQueue(new JobRepository(db.dsl()), clock);
    }

    static JobsFixture open(Kind kind) {
        return new JobsFixture(TestDatabases.open(kind));
    }

    JobRepository repository() {
        return queue.repository();
    }

    JobWorker worker(String workerId, Map<String, JobHandler> handlers) {
        return new JobWorker(repository(), handlers, clock, workerId, LEASE, PLAIN_BACKOFF, () -> 0.5);
    }

    void advanceTo(Instant when) {
        clock.advanceTo(when);
    }

    @Override
    public void close() {
        db.close();
    }
}
