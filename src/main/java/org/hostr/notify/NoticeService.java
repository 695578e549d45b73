package org.hostr.notify;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hostr.db.Database;
import org.hostr.jobs.JobQueue;
import org.hostr.jobs.NewJob;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records notices in the caller's transaction, so a notice exists exactly when the event it tells about committed,
 * and queues the job that sends each one ({@link NoticeSender}). A notice that will not be sent is still recorded,
 * as SKIPPED with the reason, so "why did I get no message?" has an answer.
 */
public final class NoticeService {
    static final String SWITCHED_OFF = "switched off by the customer";
    static final String NO_SHOP_KEY = "the shop has no Nostr key: set notify.shop_nsec (HOSTR_NOTIFY_SHOP_NSEC) to send"
            + " notices";
    /**
     * With the queue's backoff (5 s doubling to at most an hour) twelve attempts span about three and a half hours:
     * long enough to ride out a relay's restart, short enough that a stale "your invoice is due" is not sent a day late.
     */
    static final int MAX_ATTEMPTS = 12;
    private static final Logger log = LoggerFactory.getLogger(NoticeService.class);

    /** The customer's public key, only while their account is active, read in the caller's transaction. */
    public interface CustomerKeys {
        Optional<String> activePubkey(DSLContext tx, long customerId);
    }

    private final Database database;
    private final JobQueue jobs;
    private final Optional<ShopIdentity> shop;
    private final CustomerKeys customers;
    private final Set<String> adminPubkeys;
    private final Clock clock;
    private final NoticeRepository notices = new NoticeRepository();

    public NoticeService(Database database, JobQueue jobs, Optional<ShopIdentity> shop, CustomerKeys customers,
                         Set<String> adminPubkeys, Clock clock) {
        this.database = database;
        this.jobs = jobs;
        this.shop = shop;
        this.customers = customers;
        this.adminPubkeys = Set.copyOf(adminPubkeys);
        this.clock = clock;
    }

    /**
     * Records a notice to a customer; nothing when one with this key exists, or the customer's account is closed.
     *
     * @return the new notice's id
     */
    public Optional<Long> toCustomer(DSLContext tx, long customerId, NoticeDraft draft) {
        if (draft.kind().forAdmins()) {
            throw new IllegalArgumentException(draft.kind() + " is a notice to admins");
        }
        Optional<String> pubkey = customers.activePubkey(tx, customerId);
        if (pubkey.isEmpty()) {
            log.debug("notice {} not recorded: customer {} is not active", draft.idempotencyKey(), customerId);
            return Optional.empty();
        }
        String skipped = shop.isEmpty() ? NO_SHOP_KEY
                : notices.switchedOff(tx, customerId).contains(draft.kind()) ? SWITCHED_OFF : null;
        return record(tx, draft, customerId, pubkey.get(), skipped);
    }

    /** Records one notice per admin (auth.admin_npubs), each under the draft's key and the admin's key. */
    public void toAdmins(DSLContext tx, NoticeDraft draft) {
        if (!draft.kind().forAdmins()) {
            throw new IllegalArgumentException(draft.kind() + " is a notice to customers");
        }
        for (String admin : adminPubkeys) {
            NoticeDraft toOne = new NoticeDraft(draft.kind(), draft.idempotencyKey() + ":" + admin, draft.subject(),
                    draft.text());
            record(tx, toOne, null, admin, shop.isEmpty() ? NO_SHOP_KEY : null);
        }
    }

    /** Every customer kind with whether this customer gets it (on unless switched off). */
    public Map<NoticeKind, Boolean> preferences(long customerId) {
        Set<NoticeKind> off = notices.switchedOff(database.dsl(), customerId);
        Map<NoticeKind, Boolean> all = new EnumMap<>(NoticeKind.class);
        NoticeKind.customerKinds().forEach(k -> all.put(k, !off.contains(k)));
        return all;
    }

    /** Switches the given customer kinds on or off; kinds not named keep their setting. */
    public Map<NoticeKind, Boolean> setPreferences(long customerId, Map<NoticeKind, Boolean> changes) {
        Instant now = clock.instant();
        database.transactionRun(tx -> changes.forEach((kind, enabled) -> {
            if (kind.forAdmins()) {
                throw new IllegalArgumentException(kind + " is not a customer's notice");
            }
            notices.setEnabled(tx, customerId, kind, enabled, now);
        }));
        return preferences(customerId);
    }

    public Optional<Notice> byKey(String idempotencyKey) {
        return notices.byKey(database.dsl(), idempotencyKey);
    }

    /** For admins: the newest notices, optionally of one status. */
    public List<Notice> latest(NoticeStatus status, int limit) {
        return notices.list(database.dsl(), status, Math.max(1, Math.min(limit, 500)));
    }

    public Optional<ShopIdentity> shop() {
        return shop;
    }

    private Optional<Long> record(DSLContext tx, NoticeDraft draft, Long customerId, String recipient, String skipped) {
        NoticeStatus status = skipped == null ? NoticeStatus.QUEUED : NoticeStatus.SKIPPED;
        Optional<Long> id = notices.insertIfAbsent(tx, draft, customerId, recipient, status, skipped, clock.instant());
        id.ifPresent(noticeId -> {
            if (status == NoticeStatus.QUEUED) {
                jobs.add(tx, NewJob.of(NoticeSender.KIND, NoticeSender.jobKey(noticeId), Map.of("notice_id", noticeId))
                        .maxAttempts(MAX_ATTEMPTS));
            }
            log.info("notice {} ({}) {} for {}{}", noticeId, draft.kind().key(), status.name().toLowerCase(),
                    customerId == null ? "admin " + recipient.substring(0, 8) : "customer " + customerId,
                    skipped == null ? "" : ": " + skipped);
        });
        return id;
    }
}
