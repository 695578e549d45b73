package org.hostr.notify;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.hostr.billing.ReviewItem;
import org.hostr.db.Database;
import org.hostr.jobs.Job;
import org.hostr.jobs.JobHandler;
import org.hostr.jobs.PeriodicTask;

/**
 * Tells admins of each open item in the review queue (a termination put before them, a payment kept on a suspended
 * or ended service). It reads the queue every few minutes rather than hooking each place that opens an item: the
 * items are billing's, opened from the sweep and from settlements alike, and an admin notice may come minutes late.
 * Each item's key makes it one notice however often the queue is read. Services an admin suspended are in the queue
 * too, but the admin who did it needs no message about it.
 */
final class ReviewNotices implements JobHandler {
    static final String KIND = "notice-review-queue";

    private final Database database;
    private final Supplier<List<ReviewItem>> reviewQueue;
    private final NoticeService notices;
    private final NoticeTexts texts;

    ReviewNotices(Database database, Supplier<List<ReviewItem>> reviewQueue, NoticeService notices, NoticeTexts texts) {
        this.database = database;
        this.reviewQueue = reviewQueue;
        this.notices = notices;
        this.texts = texts;
    }

    static PeriodicTask periodicTask() {
        return new PeriodicTask(KIND, Duration.ofMinutes(5), 2);
    }

    @Override
    public void handle(Job job) {
        for (ReviewItem service : reviewQueue.get()) {
            if (service.open().isEmpty()) {
                continue;
            }
            database.transactionRun(tx -> service.open()
                    .forEach(item -> notices.toAdmins(tx, texts.reviewWaiting(service, item))));
        }
    }
}
