package org.hostr.db;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.jooq.DSLContext;

/**
 * SQLite commits one transaction at a time, and a commit costs about as much as the statements before it: it appends
 * every page the transaction changed to the WAL. Transactions that wait for the writer at the same moment therefore run
 * one after another in one SQLite transaction and commit together, so a page several of them change (the tail of the
 * jobs table, of the audit log, of an index) is written once. This is group commit, as PostgreSQL and InnoDB do it.
 *
 * <p>A caller queues its work and waits. One caller at a time leads a group: it takes the writer lock
 * ({@link SqliteWriters}), begins, runs its own work, then work queued by others, each in a savepoint of its own, and
 * commits. The result is as if the members had run one after another, each in its own transaction, and had committed
 * at once:
 * <ul>
 *   <li>work that throws is rolled back to its savepoint and its caller gets the exception; the others go on (the
 *       leader's own work needs no savepoint: when it throws, nobody else has joined yet);</li>
 *   <li>a commit that fails fails every member that had not failed already;</li>
 *   <li>each caller gets its result only after the commit, so nobody acts on work that might not be kept.</li>
 * </ul>
 * Requests come first, as in {@link SqliteWriters}: a group led from a request thread (a webhook, a checkout) takes
 * only other requests' work, and a group led from a background thread (the job runner's) takes waiting requests first,
 * then background work. The lead passes to the oldest waiting request, so a webhook waits for the group running and
 * its own; but once background work has been passed over {@link #MAX_PASSED_OVER} times in a row it leads next, so a
 * steady stream of requests cannot hold settlements back for ever. A group stops taking work after
 * {@link #BUDGET_NANOS} or {@link #MAX_MEMBERS} members, so groups stay short.
 *
 * <p>Members run on the leader's thread: work must not wait for a lock its caller's thread holds (none does;
 * transactions only touch the database). A transaction begun while the writer lock is held (nested in another, or a
 * write inside a group's work) runs in place, not through here.
 */
final class SqliteGroupCommit {
    /** How long a group goes on taking queued work: a dozen settlements. */
    static final long BUDGET_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    static final int MAX_MEMBERS = 64;
    /** Request-led groups in a row while background work waits, before that work leads. */
    static final int MAX_PASSED_OVER = 2;

    private final SqliteWriters writers;
    private final long budgetNanos;
    private final ReentrantLock mutex = new ReentrantLock();
    // guarded by mutex:
    private final ArrayDeque<Member<?>> requests = new ArrayDeque<>();
    private final ArrayDeque<Member<?>> background = new ArrayDeque<>();
    private boolean leading;
    private int backgroundPassedOver;

    SqliteGroupCommit(SqliteWriters writers) {
        this(writers, BUDGET_NANOS);
    }

    SqliteGroupCommit(SqliteWriters writers, long budgetNanos) {
        this.writers = writers;
        this.budgetNanos = budgetNanos;
    }

    <T> T run(DSLContext dsl, Function<DSLContext, T> work) {
        Member<T> me = new Member<>(dsl, work, SqliteWriters.onBackgroundThread(), mutex.newCondition());
        mutex.lock();
        try {
            if (leading) {
                (me.background ? background : requests).add(me);
                while (!me.finished && !me.leads) {
                    me.wakeUp.awaitUninterruptibly();
                }
                if (me.finished) {
                    return me.outcome();
                }
            }
            leading = true;
        } finally {
            mutex.unlock();
        }
        List<Member<?>> members = new ArrayList<>();
        members.add(me);
        try {
            lead(dsl, members);
        } finally {
            handOver(members);
        }
        return me.outcome();
    }

    private void lead(DSLContext dsl, List<Member<?>> members) {
        Member<?> leader = members.get(0);
        writers.acquire();
        try {
            long started = System.nanoTime();
            dsl.transactionResult(configuration -> {
                DSLContext tx = configuration.dsl();
                leader.runIn(tx); // throws: the whole transaction rolls back, and it held nobody else's work
                Member<?> next;
                while ((next = next(leader, members.size(), started)) != null) {
                    members.add(next);
                    runInSavepoint(tx, next);
                }
                return null;
            });
        } catch (RuntimeException | Error e) {
            for (Member<?> member : members) {
                member.failUnlessFailed(e);
            }
        } finally {
            writers.release();
        }
    }

    /** Tells the group's members their outcome, and passes the lead on: to a request first, unless background waited too often. */
    private void handOver(List<Member<?>> members) {
        mutex.lock();
        try {
            for (Member<?> member : members) {
                member.finished = true;
                member.wakeUp.signal();
            }
            Member<?> next;
            if (!requests.isEmpty() && (background.isEmpty() || backgroundPassedOver < MAX_PASSED_OVER)) {
                next = requests.poll();
                backgroundPassedOver = background.isEmpty() ? 0 : backgroundPassedOver + 1;
            } else {
                next = background.poll();
                backgroundPassedOver = 0;
            }
            if (next == null) {
                leading = false;
            } else {
                next.leads = true;
                next.wakeUp.signal();
            }
        } finally {
            mutex.unlock();
        }
    }

    private static void runInSavepoint(DSLContext tx, Member<?> member) {
        tx.connection(connection -> {
            // As statements, not JDBC's savepoint calls: those take a connection out of auto-commit mode, which
            // SqliteTransactions leaves it in.
            SqliteTransactions.run(connection, "SAVEPOINT hostr_member");
            try {
                member.runIn(tx);
            } catch (RuntimeException | Error e) {
                SqliteTransactions.run(connection, "ROLLBACK TO hostr_member");
                member.failed = e;
            }
            SqliteTransactions.run(connection, "RELEASE hostr_member");
        });
    }

    /** The next queued member this group may take, or null when there is none or the group has had its share. */
    private Member<?> next(Member<?> leader, int taken, long started) {
        if (taken >= MAX_MEMBERS || System.nanoTime() - started >= budgetNanos) {
            return null;
        }
        mutex.lock();
        try {
            Member<?> next = takeFrom(requests, leader);
            return next != null || !leader.background ? next : takeFrom(background, leader);
        } finally {
            mutex.unlock();
        }
    }

    /** The oldest member on the leader's context: one that came with another (other listeners) leads its own group. */
    private static Member<?> takeFrom(ArrayDeque<Member<?>> queue, Member<?> leader) {
        for (Iterator<Member<?>> it = queue.iterator(); it.hasNext(); ) {
            Member<?> member = it.next();
            if (member.dsl.configuration() == leader.dsl.configuration()) {
                it.remove();
                return member;
            }
        }
        return null;
    }

    private static final class Member<T> {
        final DSLContext dsl;
        final Function<DSLContext, T> work;
        final boolean background;
        final Condition wakeUp;
        T result;
        Throwable failed;
        // guarded by the mutex:
        boolean finished;
        boolean leads;

        Member(DSLContext dsl, Function<DSLContext, T> work, boolean background, Condition wakeUp) {
            this.dsl = dsl;
            this.work = work;
            this.background = background;
            this.wakeUp = wakeUp;
        }

        void runIn(DSLContext tx) {
            result = work.apply(tx);
        }

        void failUnlessFailed(Throwable e) {
            if (failed == null) {
                failed = e;
                result = null;
            }
        }

        T outcome() {
            if (failed instanceof RuntimeException e) {
                throw e;
            }
            if (failed instanceof Error e) {
                throw e;
            }
            return result;
        }
    }
}
