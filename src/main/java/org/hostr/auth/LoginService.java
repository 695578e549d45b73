package org.hostr.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.hostr.customers.Customer;
import org.hostr.customers.CustomerService;
import org.hostr.db.Database;
import org.hostr.nostr.MalformedEventException;
import org.hostr.nostr.Nip19;
import org.hostr.nostr.Nip98;
import org.hostr.nostr.Nip98Result;
import org.hostr.nostr.NostrEvent;
import org.hostr.web.ApiError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Login with a Nostr key: a NIP-98 shaped kind-27235 event for the exact login URL, carrying a live single-use
 * challenge. Every check runs before the challenge is consumed, so a forged event cannot burn a real challenge.
 * Challenges are sealed ({@link ChallengeSeal}) rather than stored when issued; a used one is stored, which is what
 * makes it single-use, on every instance sharing the database. The same class checks per-request NIP-98 headers,
 * whose only single-use guard is the table of seen event ids.
 */
public final class LoginService {
    private static final Logger log = LoggerFactory.getLogger(LoginService.class);
    static final Duration CHALLENGE_TTL = Duration.ofMinutes(5);

    private final Database database;
    private final LoginChallengeRepository challenges;
    private final CustomerService customers;
    private final Set<String> adminPubkeys;
    private final String loginUrl;
    private final Clock clock;
    private final ChallengeSeal seal;
    private final AtomicLong used = new AtomicLong();

    public LoginService(Database database, CustomerService customers, Set<String> adminPubkeys, String baseUrl,
                        String sessionSecret, Clock clock) {
        this.database = database;
        this.challenges = new LoginChallengeRepository();
        this.seal = new ChallengeSeal(sessionSecret);
        this.customers = customers;
        this.adminPubkeys = Set.copyOf(adminPubkeys);
        this.loginUrl = baseUrl + "/api/v1/auth/login";
        this.clock = clock;
    }

    /** A new challenge: 128 random bits and its expiry, sealed, live for five minutes. */
    public record Challenge(String challenge, Instant expiresAt) {
    }

    /** A customer who has just proved their key. */
    public record LoggedIn(Customer customer, boolean admin) {
    }

    public Challenge newChallenge() {
        Instant expires = clock.instant().plus(CHALLENGE_TTL).truncatedTo(ChronoUnit.SECONDS);
        return new Challenge(seal.issue(expires), expires);
    }

    public String loginUrl() {
        return loginUrl;
    }

    /** Checks a login header; on success the challenge is consumed and the customer is created or restored. */
    public LoggedIn logIn(String authorization) {
        Instant now = clock.instant();
        NostrEvent event = verified(Nip98.checkAuthorization(authorization, loginUrl, "POST", now, null));
        String challenge;
        try {
            challenge = Nip98.tagValue(event, "challenge").orElse(null);
        } catch (MalformedEventException e) {
            throw ApiError.unauthorized("malformed", e.getMessage());
        }
        if (challenge == null) {
            throw ApiError.unauthorized("unknown_challenge", "the event carries no challenge tag from GET /api/v1/auth/challenge");
        }
        // Never live for longer than a challenge is given (a minute's slack for instances whose clocks differ).
        Instant latest = now.plus(CHALLENGE_TTL).plus(Duration.ofMinutes(1));
        Instant expires = seal.expiry(challenge).filter(at -> at.isAfter(now) && !at.isAfter(latest)).orElseThrow(() ->
                ApiError.unauthorized("unknown_challenge", "the challenge is unknown or expired: ask for a new one"));
        // The challenge is consumed and the customer created or restored in one transaction: all or nothing.
        Customer customer = database.transaction(tx -> {
            if (!challenges.consume(tx, challenge, expires.minus(CHALLENGE_TTL), expires, now)) {
                throw ApiError.unauthorized("replayed", "this challenge was already used");
            }
            return customers.logIn(tx, event.pubkey());
        });
        log.info("customer {} logged in", customer.id());
        forgetExpiredNowAndThen(now);
        return new LoggedIn(customer, adminPubkeys.contains(event.pubkey()));
    }

    /** Checks a per-request NIP-98 header for the given full URL; each event id is accepted once. */
    public NostrEvent checkRequest(String authorization, String fullUrl, String method, byte[] body) {
        Instant now = clock.instant();
        NostrEvent event = verified(Nip98.checkAuthorization(authorization, fullUrl, method, now,
                body == null || body.length == 0 ? null : body));
        Instant keepUntil = now.plus(Nip98.DEFAULT_WINDOW).plus(Nip98.DEFAULT_WINDOW);
        if (!database.transaction(tx -> challenges.markSeen(tx, event.id(), keepUntil))) {
            throw ApiError.unauthorized("replayed", "this signed event was already used; sign a new one per request");
        }
        forgetExpiredNowAndThen(now);
        return event;
    }

    /** Used challenges and seen event ids are needed only until they expire; every 500th use clears old ones. */
    private void forgetExpiredNowAndThen(Instant now) {
        if (used.incrementAndGet() % 500 == 0) {
            database.transactionRun(tx -> challenges.deleteExpired(tx, now.minus(Duration.ofHours(1))));
        }
    }

    public boolean isAdmin(String pubkey) {
        return adminPubkeys.contains(pubkey);
    }

    private static NostrEvent verified(Nip98Result result) {
        if (result instanceof Nip98Result.Rejected rejected) {
            throw ApiError.unauthorized(rejected.failure().code(), rejected.detail());
        }
        return ((Nip98Result.Accepted) result).event();
    }

    /** The hex keys of the admins named in auth.admin_npubs. */
    public static Set<String> adminKeys(java.util.List<String> npubs) {
        return npubs.stream().map(n -> {
            try {
                return Nip19.decodePublicKey(n);
            } catch (Exception e) {
                throw new IllegalArgumentException("auth.admin_npubs has an invalid npub: " + n);
            }
        }).collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

}
