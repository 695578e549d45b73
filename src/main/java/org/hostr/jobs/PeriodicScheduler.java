package org.hostr.jobs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enqueues periodic tasks as jobs. Each tick, for each task whose current slot has no job yet: if a job of that
 * kind is still QUEUED or RUNNING (a slow or retrying run) it waits, so runs never overlap; otherwise it enqueues
 * the slot's job. The check and the insert share one transaction and the key is unique, so any number of
 * instances yield one job per slot. It also deletes old finished periodic jobs so the table does not grow forever.
 */
public final class PeriodicScheduler implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PeriodicScheduler.class);
    private static final Duration PRUNE_EVERY = Duration.ofMinutes(10);

    private final JobRepository repository;
    private final Clock clock;
    private final List<PeriodicTask> tasks;
    private final Settings settings;
    /** The last slot known to have its job, per kind: saves a transaction per task per tick. */
    private final Map<String, Long> slotDone = new ConcurrentHashMap<>();
    private volatile Instant lastPrune = Instant.MIN;
    private ScheduledExecutorService ticker;

    /**
     * @param tick       how often to look; a task runs at most this late into its slot
     * @param keepDone   how long DONE and CANCELLED periodic jobs stay visible
     * @param keepFailed how long DEAD periodic jobs stay for the admin to read
     */
    public record Settings(Duration tick, Duration keepDone, Duration keepFailed) {
        public static final Settings DEFAULT = new Settings(Duration.ofSeconds(1), Duration.ofDays(1), Duration.ofDays(14));
    }

    public PeriodicScheduler(JobQueue queue, List<PeriodicTask> tasks, Settings settings) {
        this.repository = queue.repository();
        this.clock = queue.clock();
        this.tasks = List.copyOf(tasks);
        this.settings = settings;
    }

    public synchronized PeriodicScheduler start() {
        if (ticker == null) {
            ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "hostr-periodic");
                thread.setDaemon(true);
                return thread;
            });
            ticker.scheduleWithFixedDelay(this::tickQuietly, 0, settings.tick().toMillis(), TimeUnit.MILLISECONDS);
        }
        return this;
    }

    private void tickQuietly() {
        try {
            tick();
        } catch (RuntimeException e) {
            log.warn("periodic tasks could not be enqueued, trying again next tick: {}", LastError.describe(e));
        }
    }

    void tick() {
        Instant now = clock.instant();
        for (PeriodicTask task : tasks) {
            long slot = task.slot(now);
            if (slotDone.getOrDefault(task.kind(), Long.MIN_VALUE) >= slot) {
                continue;
            }
            if (enqueueSlot(task, slot, now)) {
                slotDone.put(task.kind(), slot);
            }
        }
        if (Duration.between(lastPrune, now).compareTo(PRUNE_EVERY) >= 0 || now.isBefore(lastPrune)) {
            prune(now);
            lastPrune = now;
        }
    }

    /** @return true when the slot has its job (ours or another instance's); false when an earlier run still goes on */
    private boolean enqueueSlot(PeriodicTask task, long slot, Instant now) {
        String key = task.key(slot);
        return repository.inTransaction(tx -> {
            if (repository.keyExists(tx, key)) {
                return true;
            }
            if (repository.activeOfKind(tx, task.kind())) {
                log.debug("periodic task {} waits: its previous run is still queued or running", task.kind());
                return false;
            }
            NewJob job = NewJob.of(task.kind(), key, Map.of("slot_start", task.slotStart(slot).toString()))
                    .maxAttempts(task.maxAttempts());
            long id = repository.insertIfAbsent(tx, job, now);
            log.debug("periodic task {} queued as job {} for slot {}", task.kind(), id, slot);
            return true;
        });
    }

    void prune(Instant now) {
        int done = repository.deleteFinished(PeriodicTask.KEY_PREFIX, EnumSet.of(JobStatus.DONE, JobStatus.CANCELLED),
                now.minus(settings.keepDone()));
        int dead = repository.deleteFinished(PeriodicTask.KEY_PREFIX, EnumSet.of(JobStatus.DEAD), now.minus(settings.keepFailed()));
        if (done + dead > 0) {
            log.debug("deleted {} finished and {} dead periodic jobs", done, dead);
        }
    }

    @Override
    public synchronized void close() {
        if (ticker != null) {
            ticker.shutdownNow();
            ticker = null;
        }
    }
}
