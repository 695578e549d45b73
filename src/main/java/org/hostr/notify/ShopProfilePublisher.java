package org.hostr.notify;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hostr.jobs.Job;
import org.hostr.jobs.JobHandler;
import org.hostr.jobs.NewJob;
import org.hostr.jobs.PeriodicTask;
import org.hostr.jobs.RetryableJobException;
import org.hostr.nostr.EventSigner;
import org.hostr.nostr.EventTemplate;
import org.hostr.nostr.NostrEvent;
import org.hostr.nostr.relay.PublishReport;
import org.hostr.nostr.relay.RelayPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the shop's profile (kind 0) at every start and once a day: its name, what it is, its website and its
 * NIP-05 address. A customer's client then shows notices as coming from "<shop> ✓ shop@hosting.example.com", which
 * a fake sender cannot copy, since /.well-known/nostr.json on the shop's own domain names only the real key.
 */
final class ShopProfilePublisher implements JobHandler {
    static final String KIND = "shop-profile";
    private static final int PROFILE_KIND = 0;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Logger log = LoggerFactory.getLogger(ShopProfilePublisher.class);

    private final Optional<ShopIdentity> shop;
    private final RelayPublisher publisher;
    private final Duration timeout;
    private final Clock wallClock;

    ShopProfilePublisher(Optional<ShopIdentity> shop, RelayPublisher publisher, Duration timeout, Clock wallClock) {
        this.shop = shop;
        this.publisher = publisher;
        this.timeout = timeout;
        this.wallClock = wallClock;
    }

    static PeriodicTask periodicTask() {
        return new PeriodicTask(KIND, Duration.ofDays(1), 3);
    }

    /** The start's own publication, one per start (the daily slot may be hours away). */
    static NewJob atStart(Instant startedAt) {
        return NewJob.of(KIND, KIND + ":start:" + startedAt.toEpochMilli(), Map.of()).maxAttempts(5);
    }

    @Override
    public void handle(Job job) throws RetryableJobException {
        if (shop.isEmpty() || shop.get().relays().isEmpty()) {
            log.debug("no shop key or no notify.relays: the shop's profile is not published");
            return;
        }
        NostrEvent profile = profile(shop.get(), wallClock.instant());
        PublishReport report = publisher.publish(profile, shop.get().relays(), timeout);
        if (!report.acceptedByAny()) {
            throw new RetryableJobException("the shop's profile reached no relay: " + report.summary());
        }
        log.info("shop profile {} published as {}: {}", shop.get().nip05(), profile.id(), report.summary());
    }

    static NostrEvent profile(ShopIdentity shop, Instant now) {
        ObjectNode content = JSON.createObjectNode();
        content.put("name", shop.name());
        content.put("display_name", shop.name());
        content.put("about", "Hosting shop at " + shop.website() + ". Messages about your orders, invoices and"
                + " hosting come only from this key, " + shop.nip05() + ".");
        content.put("nip05", shop.nip05());
        content.put("website", shop.website());
        return EventSigner.sign(new EventTemplate(PROFILE_KIND, List.of(), content.toString(), now.getEpochSecond()),
                shop.keys().secretKey());
    }
}
