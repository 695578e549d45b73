package org.hostr.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.hostr.audit.AuditLog;
import org.hostr.customers.CustomerService;
import org.hostr.db.Database;
import org.hostr.nostr.nip46.BunkerUri;
import org.hostr.nostr.nip46.RelayFence;
import org.hostr.nostr.nip46.TestSigner;
import org.hostr.nostr.relay.TestRelay;
import org.hostr.testing.TestDatabases;
import org.hostr.testing.TestDatabases.Kind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the page hears when nobody answers: the same flow as over HTTP, with timeouts of a second. */
class RemoteSignerTimeoutTest {
    private static final Duration SHORT = Duration.ofSeconds(1);
    static TestRelay relays;
    static Database database;
    static String shopRelay;
    static RemoteSignerLogin signers;

    @BeforeAll
    static void start() {
        relays = new TestRelay();
        shopRelay = relays.accepting("timeout-shop");
        database = TestDatabases.open(Kind.SQLITE);
        Clock clock = Clock.systemUTC();
        LoginService login = new LoginService(database, new CustomerService(database, new AuditLog(database.dsl()), clock),
                Set.of(), "http://localhost:8080", "test-session-secret-0123456789abcdefghij", clock);
        signers = new RemoteSignerLogin(login, List.of(shopRelay), "Hostr test",
                new RemoteSignerLogin.Settings(SHORT, SHORT), new RelayFence(List.of(shopRelay)), clock);
    }

    @AfterAll
    static void stop() {
        relays.close();
        database.close();
    }

    private static SignerAttempt attempt() {
        return new SignerAttempt(SignerAttempts.randomHex(32), SignerAttempts.randomHex(32), "127.0.0.1",
                Instant.now().plusSeconds(60));
    }

    private static SignerAttempt.View ended(SignerAttempt attempt) {
        TestSigner.await(() -> !attempt.inProgress(), "the attempt to end");
        return attempt.view();
    }

    @Test
    void aSignerThatNeverAnswersEndsInATimeoutThatSaysWhatToCheck() throws Exception {
        try (TestSigner signer = new TestSigner(TestSigner.Behaviour.SILENT).listenOn(List.of(shopRelay))) {
            SignerAttempt attempt = attempt();
            signers.startBunker(BunkerUri.parse(signer.bunkerUri(null, shopRelay)), attempt);

            SignerAttempt.View view = ended(attempt);

            assertThat(view.status()).isEqualTo(SignerAttemptStatus.TIMEOUT);
            assertThat(view.code()).isEqualTo("timeout");
            assertThat(view.message()).startsWith("Your signer did not answer in time.");
            assertThat(view.loggedIn()).isNull();
            assertThat(signer.methods()).containsExactly("connect");
        }
    }

    @Test
    void aQrCodeNobodyScansEndsInATimeoutThatSaysToScanAgain() {
        SignerAttempt attempt = attempt();
        signers.startNostrConnect(attempt);

        SignerAttempt.View view = ended(attempt);

        assertThat(view.status()).isEqualTo(SignerAttemptStatus.TIMEOUT);
        assertThat(view.message()).startsWith("No signer connected in time.");
    }

    @Test
    void aSignerAnsweringAfterTheTimeoutCannotTurnItIntoALogin() throws Exception {
        try (TestSigner signer = new TestSigner(TestSigner.Behaviour.AUTH_URL_FIRST).listenOn(List.of(shopRelay))) {
            SignerAttempt attempt = attempt();
            signers.startBunker(BunkerUri.parse(signer.bunkerUri(null, shopRelay)), attempt);
            TestSigner.await(() -> attempt.view().status() == SignerAttemptStatus.AUTH_URL, "the auth_url");
            assertThat(ended(attempt).status()).isEqualTo(SignerAttemptStatus.TIMEOUT);

            signer.approve();

            assertThat(attempt.view().status()).isEqualTo(SignerAttemptStatus.TIMEOUT);
            assertThat(attempt.view().authUrl()).isNull();
        }
    }
}
