package org.hostr.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.hostr.testing.TestDatabases;
import org.hostr.testing.TestDatabases.Kind;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Transactions queued behind a running one join the next group: they run on its leader's thread, each in a savepoint,
 * and commit together. These tests hold a leader inside its work while others queue, then let it go. Those about
 * failures run their own group without a time budget, so the queued work surely lands in one group.
 */
class SqliteGroupCommitTest {
    private Database db;
    private SqliteGroupCommit unbudgeted;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final CountDownLatch leaderInside = new CountDownLatch(1);
    private final CountDownLatch letLeaderGo = new CountDownLatch(1);
    /** Which thread ran each named work. */
    private final Map<String, Thread> ranOn = new ConcurrentHashMap<>();

    @BeforeEach
    void open() {
        db = TestDatabases.open(Kind.SQLITE);
        unbudgeted = new SqliteGroupCommit((SqliteWriters) db.dsl().configuration().data(Database.WRITERS), Long.MAX_VALUE);
        db.dsl().execute("create table t (name text primary key)");
        db.dsl().execute("create table parent (id integer primary key)");
        db.dsl().execute("create table child (parent_id integer references parent (id) deferrable initially deferred)");
    }

    @AfterEach
    void close() {
        letLeaderGo.countDown();
        threads.shutdownNow();
        db.close();
    }

    @Test
    void transactionsQueuedBehindALeaderRunOnItsThreadAndAllCommit() throws Exception {
        Future<String> leader = start("leader", tx -> {
            insert(tx, "leader");
            leaderInside.countDown();
            await(letLeaderGo);
            return "leader";
        });
        assertThat(leaderInside.await(5, TimeUnit.SECONDS)).isTrue();
        List<Future<String>> followers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String name = "follower-" + i;
            followers.add(start(name, tx -> {
                insert(tx, name);
                return name;
            }));
        }
        waitUntilQueued(5);

        letLeaderGo.countDown();

        assertThat(leader.get(5, TimeUnit.SECONDS)).isEqualTo("leader");
        for (int i = 0; i < 5; i++) {
            assertThat(followers.get(i).get(5, TimeUnit.SECONDS)).isEqualTo("follower-" + i);
        }
        assertThat(names()).containsExactlyInAnyOrder("leader", "follower-0", "follower-1", "follower-2", "follower-3", "follower-4");
        // all five queued while the leader worked, so a group ran them together on one thread: the leader's, or (once
        // the leader's group had used its time budget) that of the first of them to take the lead. Each caller has a
        // thread of its own, and a pause longer than a group's budget could split them, never into five groups.
        java.util.Set<Thread> followerThreads = new java.util.HashSet<>();
        for (int i = 0; i < 5; i++) {
            followerThreads.add(ranOn.get("follower-" + i));
        }
        assertThat(followerThreads).hasSizeLessThan(5);
    }

    @Test
    void aMemberThatThrowsIsRolledBackAloneAndItsCallerGetsTheException() throws Exception {
        holdALeader();
        Future<String> failing = startUnbudgeted("failing", tx -> {
            insert(tx, "failing");
            throw new IllegalStateException("no such plan");
        });
        Future<String> fine = startUnbudgeted("fine", tx -> {
            insert(tx, "fine");
            return "fine";
        });
        waitUntilQueued(2);

        letLeaderGo.countDown();

        assertThatThrownBy(() -> failing.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no such plan");
        assertThat(fine.get(5, TimeUnit.SECONDS)).isEqualTo("fine");
        assertThat(names()).containsExactlyInAnyOrder("leader", "fine");
    }

    @Test
    void aLeaderThatThrowsLeavesTheQueuedWorkToTheNextGroup() throws Exception {
        Future<String> leader = startUnbudgeted("leader", tx -> {
            insert(tx, "leader");
            leaderInside.countDown();
            await(letLeaderGo);
            throw new IllegalArgumentException("bad domain");
        });
        assertThat(leaderInside.await(5, TimeUnit.SECONDS)).isTrue();
        Future<String> queued = startUnbudgeted("queued", tx -> {
            insert(tx, "queued");
            return "queued";
        });
        waitUntilQueued(1);

        letLeaderGo.countDown();

        assertThatThrownBy(() -> leader.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalArgumentException.class);
        assertThat(queued.get(5, TimeUnit.SECONDS)).isEqualTo("queued");
        assertThat(names()).containsExactly("queued");
    }

    @Test
    void aCommitThatFailsFailsEveryMemberAndKeepsNothing() throws Exception {
        Future<String> leader = holdALeader();
        Future<String> orphan = startUnbudgeted("orphan", tx -> {
            insert(tx, "orphan");
            tx.execute("insert into child (parent_id) values (42)"); // no parent 42: the deferred key fails at COMMIT
            return "orphan";
        });
        Future<String> innocent = startUnbudgeted("innocent", tx -> {
            insert(tx, "innocent");
            return "innocent";
        });
        waitUntilQueued(2);

        letLeaderGo.countDown();

        assertThatThrownBy(() -> orphan.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(DataAccessException.class);
        assertThatThrownBy(() -> innocent.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(DataAccessException.class);
        assertThatThrownBy(() -> leader.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(DataAccessException.class);
        assertThat(names()).isEmpty();
    }

    @Test
    void aRequestLedGroupTakesOtherRequestsButNoBackgroundWork() throws Exception {
        Future<String> leader = holdALeader(); // on a request thread
        Future<String> job = threads.submit(() -> {
            SqliteWriters.markBackgroundThread();
            Thread caller = Thread.currentThread();
            return unbudgeted.run(db.dsl(), tx -> {
                insert(tx, "job");
                return Thread.currentThread() == caller ? "own thread" : "another thread";
            });
        });
        waitUntilQueued(1);
        Future<String> webhook = startUnbudgeted("webhook", tx -> {
            insert(tx, "webhook");
            return "webhook";
        });
        waitUntilQueued(2);

        letLeaderGo.countDown();

        assertThat(leader.get(5, TimeUnit.SECONDS)).isEqualTo("leader");
        assertThat(webhook.get(5, TimeUnit.SECONDS)).isEqualTo("webhook");
        assertThat(ranOn.get("webhook")).isSameAs(ranOn.get("leader")); // joined the request's group
        assertThat(job.get(5, TimeUnit.SECONDS)).isEqualTo("own thread"); // led a group of its own after it
        assertThat(names()).containsExactlyInAnyOrder("leader", "webhook", "job");
    }

    @Test
    void aBackgroundLedGroupTakesWaitingRequestsFirst() throws Exception {
        CountDownLatch jobInside = new CountDownLatch(1);
        List<String> order = new java.util.concurrent.CopyOnWriteArrayList<>();
        Future<String> job = threads.submit(() -> {
            SqliteWriters.markBackgroundThread();
            return unbudgeted.run(db.dsl(), tx -> {
                jobInside.countDown();
                await(letLeaderGo);
                order.add("job");
                return "job";
            });
        });
        assertThat(jobInside.await(5, TimeUnit.SECONDS)).isTrue();
        Future<String> laterJob = threads.submit(() -> {
            SqliteWriters.markBackgroundThread();
            return unbudgeted.run(db.dsl(), tx -> {
                order.add("later job");
                return "later job";
            });
        });
        waitUntilQueued(1);
        Future<String> webhook = startUnbudgeted("webhook", tx -> {
            order.add("webhook");
            return "webhook";
        });
        waitUntilQueued(2);

        letLeaderGo.countDown();

        assertThat(job.get(5, TimeUnit.SECONDS)).isEqualTo("job");
        assertThat(laterJob.get(5, TimeUnit.SECONDS)).isEqualTo("later job");
        assertThat(webhook.get(5, TimeUnit.SECONDS)).isEqualTo("webhook");
        assertThat(order).containsExactly("job", "webhook", "later job");
    }

    @Test
    void requestsLeadFirstButBackgroundWorkLeadsOnceItWasPassedOverTwice() throws Exception {
        SqliteGroupCommit oneEach = new SqliteGroupCommit((SqliteWriters) db.dsl().configuration().data(Database.WRITERS), 0);
        List<String> order = new java.util.concurrent.CopyOnWriteArrayList<>();
        Future<String> leader = threads.submit(() -> oneEach.run(db.dsl(), tx -> {
            leaderInside.countDown();
            await(letLeaderGo);
            order.add("leader");
            return "leader";
        }));
        assertThat(leaderInside.await(5, TimeUnit.SECONDS)).isTrue();
        List<Future<String>> callers = new ArrayList<>();
        callers.add(threads.submit(() -> {
            SqliteWriters.markBackgroundThread();
            return oneEach.run(db.dsl(), tx -> {
                order.add("job");
                return "job";
            });
        }));
        waitUntilQueued(1);
        for (int i = 1; i <= 3; i++) {
            String name = "request-" + i;
            callers.add(threads.submit(() -> oneEach.run(db.dsl(), tx -> {
                order.add(name);
                return name;
            })));
            waitUntilQueued(i + 1);
        }

        letLeaderGo.countDown();

        assertThat(leader.get(5, TimeUnit.SECONDS)).isEqualTo("leader");
        for (Future<String> caller : callers) {
            caller.get(5, TimeUnit.SECONDS);
        }
        // with no time budget each group is its leader alone: two requests went first, then the job, queued before them
        assertThat(order).containsExactly("leader", "request-1", "request-2", "job", "request-3");
    }

    @Test
    void aTransactionInsideAnotherRunsInPlaceOnItsThread() {
        Thread caller = Thread.currentThread();
        String inner = db.transaction(outer -> {
            insert(outer, "outer");
            return Database.transaction(db.dsl(), tx -> {
                insert(tx, "inner");
                return Thread.currentThread() == caller ? "same thread" : "other thread";
            });
        });
        assertThat(inner).isEqualTo("same thread");
        assertThat(names()).containsExactlyInAnyOrder("outer", "inner");
    }

    /** A leader held inside its work until let go; its group then takes the work queued meanwhile. */
    private Future<String> holdALeader() throws InterruptedException {
        Future<String> leader = startUnbudgeted("leader", tx -> {
            insert(tx, "leader");
            leaderInside.countDown();
            await(letLeaderGo);
            return "leader";
        });
        assertThat(leaderInside.await(5, TimeUnit.SECONDS)).isTrue();
        return leader;
    }

    /** Through {@link Database#transaction}, as the application runs it. */
    private Future<String> start(String name, java.util.function.Function<DSLContext, String> work) {
        return threads.submit(() -> db.transaction(tx -> {
            ranOn.put(name, Thread.currentThread());
            return work.apply(tx);
        }));
    }

    /** Through a group commit without a time budget, on the database's writer lock. */
    private Future<String> startUnbudgeted(String name, java.util.function.Function<DSLContext, String> work) {
        return threads.submit(() -> unbudgeted.run(db.dsl(), tx -> {
            ranOn.put(name, Thread.currentThread());
            return work.apply(tx);
        }));
    }

    /** Waits until this many callers besides the held leader wait for their group. */
    private void waitUntilQueued(int callers) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (waitingCallers() < callers) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + waitingCallers() + " of " + callers + " callers queued");
            }
            Thread.sleep(1);
        }
    }

    private int waitingCallers() {
        int waiting = 0;
        for (Map.Entry<Thread, StackTraceElement[]> entry : Thread.getAllStackTraces().entrySet()) {
            for (StackTraceElement frame : entry.getValue()) {
                if (frame.getClassName().equals(SqliteGroupCommit.class.getName()) && frame.getMethodName().equals("run")
                        && entry.getKey().getState() == Thread.State.WAITING) {
                    waiting++;
                    break;
                }
            }
        }
        return waiting;
    }

    private List<String> names() {
        return db.dsl().fetch("select name from t").getValues(0, String.class);
    }

    private static void insert(DSLContext tx, String name) {
        tx.execute("insert into t (name) values (?)", name);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
