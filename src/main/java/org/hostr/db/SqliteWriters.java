package org.hostr.db;

import java.util.concurrent.locks.ReentrantLock;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.ExecuteType;

/**
 * SQLite has one writer at a time. A writer that finds the file locked falls into SQLite's busy handler, which sleeps
 * in steps of up to 100 ms: under load that turned a 1 ms webhook into a 200 ms one. So every write in this process
 * queues here instead, on one lock taken before a connection is borrowed from the pool (taking it after would let
 * threads that hold connections wait on a lock holder that waits for a connection).
 * <ul>
 *   <li>transactions take it in {@link Database#transaction} before BEGIN (IMMEDIATE, so BEGIN itself writes);</li>
 *   <li>single statements outside a transaction take it as a listener: jOOQ calls {@code start} before it borrows a
 *       connection and {@code end} after it returns it, also when the statement failed.</li>
 * </ul>
 * Reads outside a transaction never wait: in WAL mode they see the last commit while a write goes on.
 * <p>
 * Threads marked as background (the job runner's) queue one at a time: they pass a gate of their own before joining
 * the writers' queue, so a request thread (a webhook, a checkout) waits for at most one background write ahead of it
 * however many settlements and provisioning steps are waiting. Nobody starves: the queue itself is first come, first
 * served.
 */
final class SqliteWriters implements ExecuteListener {
    private static final String HELD = "hostr.sqlite-writer-held";
    private static final ThreadLocal<Boolean> BACKGROUND = ThreadLocal.withInitial(() -> Boolean.FALSE);

    /** Fair, so a background writer that has just passed the gate cannot barge ahead of waiting request writers. */
    private final ReentrantLock lock = new ReentrantLock(true);
    private final ReentrantLock backgroundGate = new ReentrantLock(true);

    static void markBackgroundThread() {
        BACKGROUND.set(Boolean.TRUE);
    }

    static boolean onBackgroundThread() {
        return BACKGROUND.get();
    }

    void acquire() {
        if (!lock.isHeldByCurrentThread() && BACKGROUND.get()) {
            backgroundGate.lock();
        }
        lock.lock();
    }

    boolean heldByCurrentThread() {
        return lock.isHeldByCurrentThread();
    }

    void release() {
        lock.unlock();
        if (lock.getHoldCount() == 0 && backgroundGate.isHeldByCurrentThread()) {
            backgroundGate.unlock();
        }
    }

    @Override
    public void start(ExecuteContext ctx) {
        if (ctx.type() != ExecuteType.READ && !lock.isHeldByCurrentThread()) {
            acquire();
            ctx.data(HELD, Boolean.TRUE);
        }
    }

    @Override
    public void end(ExecuteContext ctx) {
        if (ctx.data(HELD) != null) {
            ctx.data().remove(HELD);
            release();
        }
    }
}
