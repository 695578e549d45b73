package org.hostr.jobs;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.hostr.db.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs jobs in this process: one poller thread claims as many due jobs as there are free handler threads, the
 * handler threads run them. The poller wakes every poll interval, at once when a job is enqueued in this process,
 * and when a handler thread frees up; it also renews the leases of running jobs. Several runners (in one process or
 * in several instances on one database) never run one job at once: each claim is exclusive and every outcome is
 * written only under the lease it was claimed with.
 */
public final class JobRunner implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(JobRunner.class);
    static final int RECHECKS = 3;
    static final long RECHECK_MILLIS = 3;

    private final JobQueue queue;
    private final JobSettings settings;
    private final JobWorker worker;
    private final Semaphore freeThreads;
    private final Semaphore wake = new Semaphore(0);
    private final Runnable wakeUp = wake::release;
    private final Map<Long, Job> running = new ConcurrentHashMap<>();
    private final Set<String> handlerKinds;
    private volatile Set<String> slowKinds = Set.of();
    /** Made once, so each carries its claim statements rendered once (see ClaimFilter). */
    private volatile ClaimFilter otherKinds = ClaimFilter.ALL;
    private volatile ClaimFilter slowKindsFilter = ClaimFilter.ALL;
    private final ClaimFilter unknownKinds;
    /** Set at each heartbeat: the next round also claims jobs of kinds no handler knows, which end DEAD saying so. */
    private boolean claimUnknownKinds = true;
    private volatile int slowLimit;
    private final AtomicInteger slowRunning = new AtomicInteger();
    /** System.nanoTime() of the first failed claim of the current streak, 0 while claims work; poller thread only. */
    private long claimFailingSince;
    private long lastClaimWarning;
    private volatile boolean started;
    private volatile boolean stopping;
    private Thread poller;
    private ExecutorService handlerThreads;

    public JobRunner(JobQueue queue, Map<String, JobHandler> handlers, JobSettings settings) {
        this.queue = queue;
        this.handlerKinds = Set.copyOf(handlers.keySet());
        this.unknownKinds = ClaimFilter.kindsNotIn(handlerKinds);
        this.settings = settings;
        this.worker = new JobWorker(queue.repository(), handlers, queue.clock(), newWorkerId(), settings.lease(),
                settings.retry(), () -> ThreadLocalRandom.current().nextDouble());
        this.freeThreads = new Semaphore(settings.threads());
    }

    /** hostname:pid:random, so the admin can tell which process holds a job and a restarted process is a new worker. */
    static String newWorkerId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = System.getenv().getOrDefault("HOSTNAME", "unknown-host");
        }
        return host + ":" + ProcessHandle.current().pid() + ":" + UUID.randomUUID().toString().substring(0, 8);
    }

    public String workerId() {
        return worker.workerId();
    }

    /**
     * At most {@code limit} jobs of these kinds run at once in this runner; the other threads stay free for the rest.
     * Kinds that wait on a remote server (WHM's createacct takes seconds, a relay up to its timeout) would otherwise
     * fill every thread in a busy hour, and payments would settle only as fast as accounts are created.
     */
    public synchronized JobRunner limitSlowKinds(Set<String> kinds, int limit) {
        if (started) {
            throw new IllegalStateException("limit slow kinds before the runner starts");
        }
        if (limit < 1 || limit >= settings.threads()) {
            throw new IllegalArgumentException("slow kinds need between 1 and " + (settings.threads() - 1) + " threads, got " + limit);
        }
        this.slowKinds = Set.copyOf(kinds);
        Set<String> others = new HashSet<>(handlerKinds);
        others.removeAll(kinds);
        this.otherKinds = ClaimFilter.kindsIn(others);
        this.slowKindsFilter = ClaimFilter.kindsIn(kinds);
        this.slowLimit = limit;
        return this;
    }

    public synchronized JobRunner start() {
        if (started) {
            return this;
        }
        started = true;
        AtomicInteger n = new AtomicInteger();
        handlerThreads = Executors.newFixedThreadPool(settings.threads(), r -> daemon(r, "hostr-job-" + n.incrementAndGet()));
        poller = daemon(this::poll, "hostr-job-poller");
        queue.onEnqueue(wakeUp);
        poller.start();
        log.info("job runner {} started with {} thread(s)", workerId(), settings.threads());
        return this;
    }

    /**
     * Ends the leases held by job runners of this host whose process is gone (killed, crashed): their jobs would
     * otherwise wait out the lease, five minutes, the reconciler's periodic run among them. A runner is known dead only
     * when no process has its pid on this host; one whose pid was taken by another process keeps its lease until it
     * runs out, as do runners of other hosts.
     */
    private void releaseLeasesOfDeadProcesses() {
        String[] mine = workerId().split(":");
        try {
            int released = queue.repository().expireLeasesOf(mine[0] + ":", worker -> {
                String[] parts = worker.split(":");
                try {
                    return parts.length == 3 && ProcessHandle.of(Long.parseLong(parts[1])).map(ProcessHandle::isAlive).orElse(false);
                } catch (NumberFormatException e) {
                    return true; // not a runner's id: leave it
                }
            }, queue.clock().instant());
            if (released > 0) {
                log.info("job runner {} took back {} job(s) from runners of this host that are no longer running", workerId(), released);
            }
        } catch (RuntimeException e) {
            log.warn("job runner {} could not check for jobs left by stopped runners: {}", workerId(), LastError.describe(e));
        }
    }

    private void poll() {
        releaseLeasesOfDeadProcesses();
        long lastHeartbeat = System.nanoTime();
        long heartbeatNanos = settings.lease().dividedBy(3).toNanos();
        int rechecks = 0;
        while (!stopping) {
            if (System.nanoTime() - lastHeartbeat >= heartbeatNanos) {
                renewLeases();
                releaseLeasesOfDeadProcesses();
                claimUnknownKinds = true;
                lastHeartbeat = System.nanoTime();
            }
            int free = freeThreads.availablePermits();
            List<Job> claimed = free == 0 ? List.of() : claimWithinLimits(free);
            for (Job job : claimed) {
                freeThreads.acquireUninterruptibly();
                running.put(job.id(), job);
                if (slowKinds.contains(job.kind())) {
                    slowRunning.incrementAndGet();
                }
                handlerThreads.execute(() -> runOne(job));
            }
            if (!claimed.isEmpty() && claimed.size() == free) {
                continue; // maybe more are due; the loop waits below once no thread is free
            }
            // A wake-up from an enqueue inside a transaction can come before that transaction commits: look again
            // a few times shortly after instead of leaving the job for the next poll.
            long waitMillis = settings.pollInterval().toMillis();
            if (claimed.isEmpty() && rechecks > 0) {
                rechecks--;
                waitMillis = Math.min(waitMillis, RECHECK_MILLIS);
            }
            try {
                if (wake.tryAcquire(waitMillis, TimeUnit.MILLISECONDS)) {
                    rechecks = RECHECKS;
                }
                wake.drainPermits();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Other kinds first, then slow kinds up to their limit, and at each heartbeat kinds without a handler. Each claim
     * names its kinds, so the (status, kind, run_at) index skips the rest: a "kind not in" claim read every due slow
     * job at each poll, and provisioning jobs pile up whenever WHM is slower than payments arrive.
     */
    private List<Job> claimWithinLimits(int free) {
        if (slowKinds.isEmpty()) {
            return claimQuietly(free, ClaimFilter.ALL);
        }
        List<Job> claimed = new ArrayList<>(claimQuietly(free, otherKinds));
        if (claimFailingSince != 0) {
            return claimed; // the database did not answer: no second try in this round
        }
        int slowSlots = Math.min(free - claimed.size(), slowLimit - slowRunning.get());
        if (slowSlots > 0) {
            claimed.addAll(claimQuietly(slowSlots, slowKindsFilter));
        }
        if (claimUnknownKinds && claimed.size() < free) {
            claimUnknownKinds = false;
            claimed.addAll(claimQuietly(free - claimed.size(), unknownKinds));
        }
        return claimed;
    }

    private List<Job> claimQuietly(int max, ClaimFilter which) {
        try {
            List<Job> claimed = worker.claim(max, which);
            if (claimFailingSince != 0) {
                log.info("job runner {} can claim jobs again", workerId());
                claimFailingSince = 0;
                lastClaimWarning = 0;
            }
            return claimed;
        } catch (RuntimeException e) {
            // While the database is away every poll fails: one warning a minute is enough to tell.
            long now = System.nanoTime();
            if (claimFailingSince == 0) {
                claimFailingSince = now;
            }
            if (lastClaimWarning == 0 || now - lastClaimWarning >= TimeUnit.MINUTES.toNanos(1)) {
                lastClaimWarning = now;
                log.warn("job runner {} could not claim jobs for {} s, trying again: {}", workerId(),
                        TimeUnit.NANOSECONDS.toSeconds(now - claimFailingSince), LastError.describe(e));
            }
            return List.of();
        }
    }

    private void runOne(Job job) {
        try {
            worker.run(job);
        } catch (RuntimeException e) {
            log.warn("job {} ({}): outcome not recorded, it runs again when its lease runs out: {}",
                    job.id(), job.kind(), LastError.describe(e));
        } finally {
            running.remove(job.id());
            if (slowKinds.contains(job.kind())) {
                slowRunning.decrementAndGet();
            }
            freeThreads.release();
            wake.release();
        }
    }

    private void renewLeases() {
        if (running.isEmpty()) {
            return;
        }
        try {
            Instant now = queue.clock().instant();
            queue.repository().extendLeases(workerId(), running.keySet(), now.plus(settings.lease()), now);
        } catch (RuntimeException e) {
            log.warn("job runner {} could not renew its leases: {}", workerId(), LastError.describe(e));
        }
    }

    /**
     * Claims up to {@code max} due jobs and runs them in the calling thread, whether or not the runner is started
     * (tests of other features, an admin "run now"). Safe beside the runner's own threads: claims are exclusive.
     *
     * @return how many jobs ran
     */
    public int runDueNow(int max) {
        return worker.runDue(max);
    }

    /**
     * Stops claiming and waits up to {@code timeout} for running handlers to finish. Handlers still running then are
     * interrupted; their jobs are retried (or taken over when the lease runs out).
     *
     * @return true when every handler finished in time
     */
    public synchronized boolean stop(Duration timeout) {
        if (!started || stopping) {
            return true;
        }
        stopping = true;
        queue.removeWakeUp(wakeUp);
        wake.release();
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            poller.join(Math.max(1, timeout.toMillis()));
            handlerThreads.shutdown();
            boolean finished = handlerThreads.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (!finished) {
                log.warn("job runner {}: {} job(s) still running after {}s, interrupting them", workerId(), running.size(),
                        timeout.toSeconds());
                handlerThreads.shutdownNow();
                handlerThreads.awaitTermination(1, TimeUnit.SECONDS);
            }
            log.info("job runner {} stopped", workerId());
            return finished;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            handlerThreads.shutdownNow();
            return false;
        }
    }

    @Override
    public void close() {
        stop(settings.stopTimeout());
    }

    private static Thread daemon(Runnable work, String name) {
        Thread thread = new Thread(() -> {
            Database.markBackgroundThread();
            work.run();
        }, name);
        thread.setDaemon(true);
        return thread;
    }
}
