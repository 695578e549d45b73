package org.hostr.notify;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.hostr.db.Database;
import org.hostr.jobs.Job;
import org.hostr.jobs.JobHandler;
import org.hostr.jobs.PermanentJobException;
import org.hostr.jobs.RetryableJobException;
import org.hostr.nostr.DirectMessage;
import org.hostr.nostr.GiftWrapper;
import org.hostr.nostr.MalformedEventException;
import org.hostr.nostr.NostrEvent;
import org.hostr.nostr.Rumor;
import org.hostr.nostr.relay.PublishReport;
import org.hostr.nostr.relay.RelayPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The "notice-send" job: one notice, from the shop's key to its recipient, as a NIP-17 message gift-wrapped once.
 * The wrap is stored before it is first published and every retry publishes that same event: a relay that kept it
 * answers "duplicate", and the recipient sees one message, never two. SENT as soon as any relay stores it; when none
 * does the job is retried with backoff, and after its last attempt the notice is FAILED (and the job DEAD, where an
 * admin can retry it).
 */
final class NoticeSender implements JobHandler {
    static final String KIND = "notice-send";
    private static final Logger log = LoggerFactory.getLogger(NoticeSender.class);

    private final Database database;
    private final Optional<ShopIdentity> shop;
    private final Inboxes inboxes;
    private final RelayPublisher publisher;
    private final GiftWrapper wrapper;
    private final Duration timeout;
    private final Clock clock;
    private final Clock wallClock;
    private final NoticeRepository notices = new NoticeRepository();

    /**
     * @param wallClock the real time for the events' created_at: relays refuse events from the future, which the
     *                  movable test clock of `demo` would otherwise date them in
     */
    NoticeSender(Database database, Optional<ShopIdentity> shop, Inboxes inboxes, RelayPublisher publisher,
                 GiftWrapper wrapper, Duration timeout, Clock clock, Clock wallClock) {
        this.database = database;
        this.shop = shop;
        this.inboxes = inboxes;
        this.publisher = publisher;
        this.wrapper = wrapper;
        this.timeout = timeout;
        this.clock = clock;
        this.wallClock = wallClock;
    }

    static String jobKey(long noticeId) {
        return KIND + ":" + noticeId;
    }

    @Override
    public void handle(Job job) throws RetryableJobException {
        long id = job.longField("notice_id");
        Notice notice = notices.find(database.dsl(), id)
                .orElseThrow(() -> new PermanentJobException("notice " + id + " does not exist"));
        if (notice.status() == NoticeStatus.FAILED) {
            // An admin retried the DEAD job: the notice takes part again.
            notices.requeue(database.dsl(), id, clock.instant());
        } else if (notice.status() != NoticeStatus.QUEUED) {
            log.debug("notice {} is {}: nothing to send", id, notice.status());
            return;
        }
        if (shop.isEmpty()) {
            notices.skip(database.dsl(), id, NoticeService.NO_SHOP_KEY, clock.instant());
            return;
        }
        NostrEvent wrap = wrapOnce(notice, shop.get());
        Inboxes.Destination destination = inboxes.of(notice.recipientPubkey());
        if (destination instanceof Inboxes.Destination.Nowhere nowhere) {
            notices.skip(database.dsl(), id, nowhere.reason(), clock.instant());
            log.info("notice {} ({}) skipped: {}", id, notice.kind().key(), nowhere.reason());
            return;
        }
        Inboxes.Destination.Relays relays = (Inboxes.Destination.Relays) destination;
        PublishReport report = publisher.publish(wrap, relays.urls(), timeout);
        String results = relays.source() + ": " + report.summary();
        if (report.acceptedByAny()) {
            notices.sent(database.dsl(), id, results, clock.instant());
            log.info("notice {} ({}) sent as {}: {}", id, notice.kind().key(), wrap.id(), results);
            return;
        }
        // The job queue marks the job DEAD after this same test; the notice says so first, for the admin's list.
        boolean last = job.attempts() >= job.maxAttempts();
        String error = "no relay stored the message (" + results + ")";
        notices.attemptFailed(database.dsl(), id, last ? NoticeStatus.FAILED : NoticeStatus.QUEUED, error, results,
                clock.instant());
        throw new RetryableJobException("notice " + id + ": " + error);
    }

    /** The stored wrap, or a new one stored now; if another attempt stored one meanwhile, that one wins. */
    private NostrEvent wrapOnce(Notice notice, ShopIdentity shop) {
        if (notice.wrapJson() == null) {
            NostrEvent built = build(notice, shop);
            if (notices.storeWrap(database.dsl(), notice.id(), built.id(), built.toJson(), clock.instant())) {
                return built;
            }
            notice = notices.find(database.dsl(), notice.id()).orElseThrow();
        }
        try {
            return NostrEvent.fromJson(notice.wrapJson());
        } catch (MalformedEventException e) {
            throw fail(notice, "its stored gift wrap cannot be read: " + e.getMessage());
        }
    }

    private NostrEvent build(Notice notice, ShopIdentity shop) {
        try {
            Rumor rumor = DirectMessage.rumor(shop.pubkey(), notice.recipientPubkey(), notice.subject(), notice.text(),
                    wallClock.instant());
            return wrapper.wrap(rumor, shop.keys(), notice.recipientPubkey());
        } catch (IllegalArgumentException e) {
            // Too long, or a recipient that is no public key: no retry makes it sendable.
            throw fail(notice, e.getMessage());
        }
    }

    private PermanentJobException fail(Notice notice, String why) {
        notices.attemptFailed(database.dsl(), notice.id(), NoticeStatus.FAILED, why, null, clock.instant());
        return new PermanentJobException("notice " + notice.id() + " cannot be sent: " + why);
    }
}
