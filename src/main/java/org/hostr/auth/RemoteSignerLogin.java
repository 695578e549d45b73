package org.hostr.auth;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import okhttp3.OkHttpClient;
import org.hostr.nostr.EventTemplate;
import org.hostr.nostr.Nip98;
import org.hostr.nostr.NostrEvent;
import org.hostr.nostr.NostrException;
import org.hostr.nostr.nip46.BunkerUri;
import org.hostr.nostr.nip46.RelayFence;
import org.hostr.nostr.nip46.RemoteSignerClient;
import org.hostr.nostr.nip46.SignerFailures;
import org.hostr.nostr.nip46.SignerRefusedException;
import org.hostr.nostr.relay.RelayClient;
import org.hostr.web.ApiError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs a customer in through a NIP-46 remote signer: the shop plays the client, asks the signer to sign the same
 * kind-27235 login event the browser flow signs, and hands it to {@link LoginService#logIn}, so every check of the
 * browser flow applies unchanged. Runs without holding a request thread; the attempt records how it ends.
 */
final class RemoteSignerLogin {
    private static final Logger log = LoggerFactory.getLogger(RemoteSignerLogin.class);

    /**
     * @param signerTimeout from connect to the signed event. The event's created_at is taken when we ask, and the
     *                      login accepts it for 60 s, so a longer wait would only end in a "stale" refusal.
     * @param scanTimeout   how long a QR code waits for a signer app to scan it and connect
     */
    record Settings(Duration signerTimeout, Duration scanTimeout) {
        static final Settings DEFAULT = new Settings(Nip98.DEFAULT_WINDOW, Duration.ofMinutes(3));

        /** How long an attempt stays in memory: the longest flow, plus a minute for the page to read the end. */
        Duration attemptLifetime() {
            return signerTimeout.plus(scanTimeout).plusMinutes(1);
        }
    }

    private final LoginService login;
    private final List<String> shopRelays;
    private final String shopName;
    private final Settings settings;
    private final OkHttpClient shopRelayHttp;
    private final OkHttpClient bunkerRelayHttp;
    private final Clock clock;
    // Database work (a challenge, the login) stays off relay reader and timer threads; the attempt cap bounds the queue.
    private final Executor database = daemonPool();

    RemoteSignerLogin(LoginService login, List<String> shopRelays, String shopName, Settings settings,
                      RelayFence fence, Clock clock) {
        this.login = login;
        this.shopRelays = List.copyOf(shopRelays);
        this.shopName = shopName;
        this.settings = settings;
        this.shopRelayHttp = new OkHttpClient();
        this.bunkerRelayHttp = shopRelayHttp.newBuilder().dns(fence.dns()).build();
        this.clock = clock;
    }

    boolean hasShopRelays() {
        return !shopRelays.isEmpty();
    }

    /**
     * Each attempt gets its own {@link RelayClient}: OkHttp lets a dispatcher run five calls per host and an open
     * WebSocket holds one for its whole life, so on a shared one the sixth login through a popular relay would wait.
     */
    void startBunker(BunkerUri bunker, SignerAttempt attempt) {
        RemoteSignerClient signer = RemoteSignerClient.toBunker(new RelayClient(bunkerRelayHttp), bunker,
                attempt::authUrl, clock);
        attempt.attach(signer);
        attempt.waiting("Waiting for your signer. Approve the login there.");
        CompletableFuture<LoginService.LoggedIn> flow = signer.connect()
                .thenCompose(connected -> signIn(signer))
                .orTimeout(settings.signerTimeout().toMillis(), TimeUnit.MILLISECONDS);
        flow.whenComplete((in, failure) -> finish(attempt, signer, in, failure));
    }

    /** Starts waiting for a signer app to scan the returned nostrconnect:// URI. */
    String startNostrConnect(SignerAttempt attempt) {
        RemoteSignerClient signer = RemoteSignerClient.awaitingSigner(new RelayClient(shopRelayHttp), shopRelays,
                attempt::authUrl, clock);
        attempt.attach(signer);
        attempt.waiting("Scan the code with your signer app, or copy the address into it, then approve the login there.");
        CompletableFuture<LoginService.LoggedIn> flow = signer.signerConnected()
                .orTimeout(settings.scanTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .thenCompose(signerKey -> {
                    attempt.waiting("Your signer app is connected. Approve the login there.");
                    return signIn(signer).orTimeout(settings.signerTimeout().toMillis(), TimeUnit.MILLISECONDS);
                });
        flow.whenComplete((in, failure) -> finish(attempt, signer, in, failure));
        return signer.nostrConnectUri(shopRelays, shopName);
    }

    /** get_public_key, then sign_event on a fresh challenge, then the login checks of the browser flow. */
    private CompletableFuture<LoginService.LoggedIn> signIn(RemoteSignerClient signer) {
        return signer.getPublicKey().thenComposeAsync(userKey -> {
            LoginService.Challenge challenge = login.newChallenge();
            EventTemplate template = new EventTemplate(Nip98.KIND, List.of(List.of("u", login.loginUrl()),
                    List.of("method", "POST"), List.of("challenge", challenge.challenge())), "",
                    clock.instant().getEpochSecond());
            return signer.signEvent(template).thenApplyAsync(event -> logIn(userKey, event), database);
        }, database);
    }

    private LoginService.LoggedIn logIn(String userKey, NostrEvent event) {
        // Checked before the login so that a mismatch consumes no challenge and creates no customer.
        if (!event.pubkey().equals(userKey)) {
            throw ApiError.unauthorized("wrong_key",
                    "the signer signed with a different key than it reported; pick one account in your signer and try again");
        }
        String header = "Nostr " + Base64.getEncoder().encodeToString(event.toJson().getBytes(StandardCharsets.UTF_8));
        return login.logIn(header);
    }

    private void finish(SignerAttempt attempt, RemoteSignerClient signer, LoginService.LoggedIn in, Throwable failure) {
        signer.close();
        attempt.attach(null);
        if (failure == null) {
            attempt.done(in);
            return;
        }
        Throwable cause = SignerFailures.cause(failure);
        if (cause instanceof TimeoutException) {
            boolean connected = signer.signerConnected().isDone() && !signer.signerConnected().isCompletedExceptionally();
            log.info("a remote-signer login timed out {}", connected ? "waiting for the signer" : "waiting for a scan");
            attempt.end(SignerAttemptStatus.TIMEOUT, "timeout", connected
                    ? "Your signer did not answer in time. Check that it is online, then try again and approve the login."
                    : "No signer connected in time. Show the code again and scan it with your signer app.");
        } else if (cause instanceof SignerRefusedException refused) {
            log.info("a remote-signer login was refused by the signer");
            String reason = refused.signerMessage().isEmpty() ? "" : " It said: " + refused.signerMessage();
            attempt.end(SignerAttemptStatus.REFUSED, refused.code(), "Your signer refused the login." + reason);
        } else if (cause instanceof NostrException nostr) {
            attempt.end(SignerAttemptStatus.FAILED, nostr.code(), nostr.getMessage());
        } else if (cause instanceof ApiError refusedLogin) {
            attempt.end(SignerAttemptStatus.FAILED, refusedLogin.code(), refusedLogin.getMessage());
        } else if (cause instanceof CancellationException) {
            attempt.end(SignerAttemptStatus.FAILED, "cancelled", "This login was stopped; start again.");
        } else {
            log.warn("a remote-signer login failed unexpectedly", cause);
            attempt.end(SignerAttemptStatus.FAILED, "internal_error", "The login could not be completed; try again.");
        }
    }

    private static Executor daemonPool() {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(2, 2, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "remote-signer-login");
            t.setDaemon(true);
            return t;
        });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
