package org.hostr.notify;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import okhttp3.OkHttpClient;
import org.hostr.billing.InvoiceService;
import org.hostr.billing.OrderService;
import org.hostr.billing.ReviewItem;
import org.hostr.config.HostrConfig;
import org.hostr.db.Database;
import org.hostr.jobs.JobHandler;
import org.hostr.jobs.JobQueue;
import org.hostr.jobs.PeriodicTask;
import org.hostr.nostr.GiftWrapper;
import org.hostr.nostr.relay.DmRelayListFetcher;
import org.hostr.nostr.relay.RelayPublisher;
import org.hostr.payments.SettlementListener;
import org.hostr.provisioning.ProvisioningListener;
import org.hostr.web.RouteGroup;

/**
 * Builds notices in one call, for Application and the tests:
 *
 * <pre>{@code
 * NotifyModule notify = NotifyModule.create(db, jobs, config, customerKeys, invoices, adminKeys, clock, wallClock);
 * handlers.putAll(notify.jobHandlers()); periodic.addAll(notify.periodicTasks()); routes.add(notify.routes());
 * // the events: settlementListeners.add(notify.onPaid()); orders.onOrderPlaced(notify.onOrderPlaced());
 * // provisioning.listeners().add(notify.onProvisioning()); handlers.put(kind, notify.watchForDeath(handler))
 * }</pre>
 */
public final class NotifyModule {
    /** The job kind of {@link #reviewQueueWatch}; its periodic task is among {@link #periodicTasks()}. */
    public static final String REVIEW_QUEUE_KIND = ReviewNotices.KIND;
    private final NoticeService notices;
    private final NoticeTexts texts;
    private final Database database;
    private final Map<String, JobHandler> jobHandlers;
    private final PaymentNotices payments;
    private final ServiceNotices services;
    private final DeadJobNotices deadJobs;
    private final NoticeRoutes noticeRoutes;
    private final ShopIdentityRoutes identityRoutes;

    private NotifyModule(Database database, NoticeService notices, NoticeTexts texts, Map<String, JobHandler> jobHandlers,
                         Clock clock) {
        this.database = database;
        this.notices = notices;
        this.texts = texts;
        this.jobHandlers = Map.copyOf(jobHandlers);
        this.payments = new PaymentNotices(notices, texts);
        this.services = new ServiceNotices(notices, texts, clock);
        this.deadJobs = new DeadJobNotices(database, notices, texts);
        this.noticeRoutes = new NoticeRoutes(notices);
        this.identityRoutes = new ShopIdentityRoutes(notices.shop());
    }

    /**
     * @param reminderKind the job kind the renewal sweep queues reminders under (billing's NoticeHandler.KIND)
     * @param clock        the shop's clock (movable in demo and tests), for the outbox's times
     * @param wallClock    the real time, for the created_at of signed events, which relays check
     */
    public static NotifyModule create(Database database, JobQueue jobs, HostrConfig config,
                                      NoticeService.CustomerKeys customers, InvoiceService invoices,
                                      Set<String> adminPubkeys, String reminderKind, Clock clock, Clock wallClock) {
        HostrConfig.Notify settings = config.notices();
        String baseUrl = config.server().baseUrl();
        Optional<ShopIdentity> shop = ShopIdentity.of(settings, baseUrl);
        NoticeService notices = new NoticeService(database, jobs, shop, customers, adminPubkeys, clock);
        NoticeTexts texts = new NoticeTexts(settings.shopName(), baseUrl);
        OkHttpClient http = new OkHttpClient();
        RelayPublisher publisher = new RelayPublisher(http);
        Duration timeout = Duration.ofSeconds(settings.publishTimeoutSeconds());
        Inboxes inboxes = new Inboxes(new DmRelayListFetcher(http), settings.relays(), config.auth().relays(),
                settings.fallbackToConfiguredRelays(), timeout);
        Map<String, JobHandler> handlers = Map.of(
                NoticeSender.KIND, new NoticeSender(database, shop, inboxes, publisher,
                        new GiftWrapper(wallClock, new SecureRandom()), timeout, clock, wallClock),
                ShopProfilePublisher.KIND, new ShopProfilePublisher(shop, publisher, timeout, wallClock),
                reminderKind, new ReminderNotices(database, invoices, notices, texts));
        return new NotifyModule(database, notices, texts, handlers, clock);
    }

    public NoticeService notices() {
        return notices;
    }

    /** Sending notices, the shop's profile, and the renewal sweep's reminders. */
    public Map<String, JobHandler> jobHandlers() {
        return jobHandlers;
    }

    /** The shop's profile, daily; the review queue's open items, every few minutes. */
    public List<PeriodicTask> periodicTasks() {
        return List.of(ShopProfilePublisher.periodicTask(), ReviewNotices.periodicTask());
    }

    /** Publishes the shop's profile soon after this start, whatever the daily slot. */
    public void publishProfileNow(JobQueue jobs, Clock clock) {
        jobs.enqueue(ShopProfilePublisher.atStart(clock.instant()));
    }

    /** The handler of {@link #REVIEW_QUEUE_KIND}: admin notices for the review queue's open items. */
    public JobHandler reviewQueueWatch(Supplier<List<ReviewItem>> reviewQueue) {
        return new ReviewNotices(database, reviewQueue, notices, texts);
    }

    /** "Payment received", in the settling transaction. */
    public SettlementListener onPaid() {
        return payments;
    }

    /** "Order received", in the order's transaction. */
    public OrderService.OrderPlaced onOrderPlaced() {
        return payments;
    }

    /** Account ready, expired, restored, terminated; drift to admins. */
    public ProvisioningListener onProvisioning() {
        return services;
    }

    /** The same handler, telling admins when a job of it gives up. */
    public JobHandler watchForDeath(JobHandler handler) {
        return deadJobs.watch(handler);
    }

    /** The notices settings of the account page and its API, the admin's outbox list, and the shop's NIP-05. */
    public RouteGroup routes() {
        return routes -> {
            noticeRoutes.addTo(routes);
            identityRoutes.addTo(routes);
        };
    }

    /** What the account page's Notices section shows for one customer. */
    public Map<String, Object> accountModel(long customerId) {
        return noticeRoutes.accountModel(customerId);
    }
}
