package org.hostr.customers;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.hostr.nostr.nip05.Nip05Verifier;
import org.hostr.nostr.relay.Profile;
import org.hostr.nostr.relay.ProfileFetcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Customers' kind-0 profiles from auth.relays, cached for an hour, with their NIP-05 name checked. Customers' own
 * profiles are also kept on their row, so the account page never waits for a relay.
 */
public final class ProfileService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ProfileService.class);
    static final Duration TTL = Duration.ofHours(1);
    static final Duration RELAY_TIMEOUT = Duration.ofSeconds(3);
    private static final int MAX_CACHED = 10_000;

    private final CustomerService customers;
    private final List<String> relays;
    private final Clock clock;
    private final ProfileFetcher fetcher;
    private final Nip05Verifier nip05;
    private final ConcurrentHashMap<String, Cached> cache = new ConcurrentHashMap<>();
    /** A login refreshes its profile at most this often: every refresh asks every relay. */
    static final Duration REFRESH_AFTER = Duration.ofMinutes(10);
    private static final int MAX_WAITING_REFRESHES = 1_000;
    // One thread, a bounded queue, and a refresh that finds the queue full is dropped: the profile is shown from the
    // cache or the customer's row anyway, and a burst of logins must not pile up work (or memory) behind slow relays.
    private final ExecutorService background = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(MAX_WAITING_REFRESHES), r -> {
                Thread t = new Thread(r, "profile-refresh");
                t.setDaemon(true);
                return t;
            });
    private final Set<String> refreshing = ConcurrentHashMap.newKeySet();

    /** A profile as Hostr shows it: what the relays said, and whether the NIP-05 name points back at the key. */
    public record View(String pubkey, String name, String displayName, String picture, String about, String nip05,
                       boolean nip05Verified, Instant fetchedAt) {
    }

    private record Cached(Optional<View> view, Instant at) {
    }

    public ProfileService(CustomerService customers, List<String> relays, Clock clock) {
        this.customers = customers;
        this.relays = List.copyOf(relays);
        this.clock = clock;
        OkHttpClient http = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(5)).build();
        this.fetcher = new ProfileFetcher(http);
        this.nip05 = new Nip05Verifier(http);
    }

    /** The profile of any key, from the cache when it is younger than an hour. */
    public Optional<View> profile(String pubkey) {
        Cached cached = cache.get(pubkey);
        Instant now = clock.instant();
        if (cached != null && cached.at().plus(TTL).isAfter(now)) {
            return cached.view();
        }
        Optional<View> view = fetch(pubkey);
        if (cache.size() > MAX_CACHED) {
            cache.clear();
        }
        cache.put(pubkey, new Cached(view, now));
        view.ifPresent(v -> customers.byPubkey(pubkey).filter(c -> c.status() == CustomerStatus.ACTIVE).ifPresent(c ->
                customers.saveProfile(c.id(), v.displayName() != null ? v.displayName() : v.name(), v.picture(), v.nip05(),
                        v.nip05Verified() ? now : null)));
        return view;
    }

    /** Refreshes a customer's profile off the request thread (after a login). */
    public void refreshLater(String pubkey) {
        if (relays.isEmpty()) {
            return;
        }
        Cached cached = cache.get(pubkey);
        if (cached != null && cached.at().plus(REFRESH_AFTER).isAfter(clock.instant())) {
            return; // fresh enough: logging in again and again does not ask the relays again and again
        }
        if (!refreshing.add(pubkey)) {
            return; // one refresh of a key at a time
        }
        try {
            background.execute(() -> {
                try {
                    cache.remove(pubkey);
                    profile(pubkey);
                } catch (RuntimeException e) {
                    log.debug("profile refresh for {} failed: {}", pubkey, e.getMessage());
                } finally {
                    refreshing.remove(pubkey);
                }
            });
        } catch (RejectedExecutionException full) {
            refreshing.remove(pubkey);
        }
    }

    private Optional<View> fetch(String pubkey) {
        if (relays.isEmpty()) {
            return Optional.empty();
        }
        Optional<Profile> profile = fetcher.fetch(pubkey, relays, RELAY_TIMEOUT);
        return profile.map(p -> new View(pubkey, p.name(), p.displayName(), p.picture(), p.about(), p.nip05(),
                p.nip05() != null && nip05.verify(p.nip05(), pubkey), clock.instant()));
    }

    @Override
    public void close() {
        background.shutdownNow();
    }
}
