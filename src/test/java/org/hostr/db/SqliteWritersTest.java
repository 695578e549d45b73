package org.hostr.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SqliteWritersTest {
    private final SqliteWriters writers = new SqliteWriters();
    private final List<String> order = new CopyOnWriteArrayList<>();

    @Test
    void aRequestWriterWaitsForAtMostOneBackgroundWriter() throws Exception {
        // given the lock held, three background writers waiting, then a request writer waiting
        writers.acquire();
        List<Thread> background = List.of(writer("background-1", true), writer("background-2", true),
                writer("background-3", true));
        for (Thread thread : background) {
            thread.start();
            waitUntilWaiting(thread);
        }
        Thread request = writer("request", false);
        request.start();
        waitUntilWaiting(request);

        // when the holder lets go
        writers.release();
        for (Thread thread : background) {
            assertThat(joined(thread)).isTrue();
        }
        assertThat(joined(request)).isTrue();

        // then the request writer came second, right after the one background writer already in the queue
        assertThat(order).hasSize(4);
        assertThat(order.get(1)).isEqualTo("request");
        assertThat(order.get(0)).startsWith("background");
    }

    @Test
    void backgroundWritersAllGetTheirTurn() throws Exception {
        writers.acquire();
        List<Thread> background = List.of(writer("background-1", true), writer("background-2", true));
        for (Thread thread : background) {
            thread.start();
            waitUntilWaiting(thread);
        }
        writers.release();
        for (Thread thread : background) {
            assertThat(joined(thread)).isTrue();
        }
        assertThat(order).containsExactlyInAnyOrder("background-1", "background-2");
    }

    @Test
    void theLockIsReentrantForTheHoldingThread() {
        writers.acquire();
        writers.acquire();
        writers.release();
        writers.release();
        Thread other = writer("other", false);
        other.start();
        assertThat(joined(other)).isTrue();
        assertThat(order).containsExactly("other");
    }

    private Thread writer(String name, boolean background) {
        return new Thread(() -> {
            if (background) {
                SqliteWriters.markBackgroundThread();
            }
            writers.acquire();
            try {
                order.add(name);
            } finally {
                writers.release();
            }
        }, name);
    }

    private static void waitUntilWaiting(Thread thread) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (thread.getState() != Thread.State.WAITING && thread.getState() != Thread.State.TIMED_WAITING) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(thread.getName() + " never started waiting");
            }
            Thread.sleep(1);
        }
    }

    private static boolean joined(Thread thread) {
        try {
            thread.join(5000);
            return !thread.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
