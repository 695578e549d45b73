package org.hostr.nostr.nip46;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hostr.nostr.nip46.TestSigner.Behaviour.AUTH_URL_FIRST;
import static org.hostr.nostr.nip46.TestSigner.Behaviour.OBEDIENT;
import static org.hostr.nostr.nip46.TestSigner.Behaviour.REFUSING;
import static org.hostr.nostr.nip46.TestSigner.Behaviour.SILENT;
import static org.hostr.nostr.nip46.TestSigner.Behaviour.WITH_IMPOSTOR;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import okhttp3.OkHttpClient;
import org.hostr.nostr.EventTemplate;
import org.hostr.nostr.EventVerification;
import org.hostr.nostr.EventVerifier;
import org.hostr.nostr.NostrEvent;
import org.hostr.nostr.relay.RelayClient;
import org.hostr.nostr.relay.TestRelay;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RemoteSignerClientTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final RelayClient RELAYS = new RelayClient(new OkHttpClient());
    private static final EventTemplate LOGIN = new EventTemplate(27235, List.of(List.of("u", "https://shop.example/login"),
            List.of("method", "POST"), List.of("challenge", "c1")), "", Instant.now().getEpochSecond());
    private static TestRelay relays;
    private final List<String> authUrls = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startRelays() {
        relays = new TestRelay();
    }

    @AfterAll
    static void stopRelays() {
        relays.close();
    }

    private static <T> T within(CompletableFuture<T> result) throws Exception {
        return result.get(10, TimeUnit.SECONDS);
    }

    private RemoteSignerClient toBunker(String uri) throws InvalidBunkerUriException {
        return RemoteSignerClient.toBunker(RELAYS, BunkerUri.parse(uri), authUrls::add, Clock.systemUTC());
    }

    @Test
    void connectsLearnsTheUserKeyAndGetsTheLoginSigned() throws Exception {
        String relay = relays.accepting("client-obedient");
        try (TestSigner signer = new TestSigner(OBEDIENT).listenOn(List.of(relay));
             RemoteSignerClient client = toBunker(signer.bunkerUri("one-time", relay))) {
            within(client.connect());
            String userKey = within(client.getPublicKey());
            NostrEvent signed = within(client.signEvent(LOGIN));

            assertThat(userKey).isEqualTo(signer.userPubkey()).isNotEqualTo(signer.signerPubkey());
            assertThat(signed.pubkey()).isEqualTo(userKey);
            assertThat(signed.tags()).isEqualTo(LOGIN.tags());
            assertThat(EventVerifier.verify(signed)).isEqualTo(EventVerification.OK);
            assertThat(signer.methods()).containsExactly("connect", "get_public_key", "sign_event");
        }
    }

    @Test
    void everyRequestIsAddressedToTheSignerOnlyFromAFreshKey() throws Exception {
        String relay = relays.accepting("client-addressing");
        try (TestSigner signer = new TestSigner(OBEDIENT).listenOn(List.of(relay));
             RemoteSignerClient client = toBunker(signer.bunkerUri(null, relay));
             RemoteSignerClient another = toBunker(signer.bunkerUri(null, relay))) {
            within(client.connect());
            within(client.getPublicKey());

            List<JsonNode> ours = published("client-addressing", client.clientPubkey());
            assertThat(ours).hasSize(2).allSatisfy(e -> {
                assertThat(e.path("kind").asInt()).isEqualTo(24133);
                assertThat(e.path("tags").toString()).isEqualTo("[[\"p\",\"" + signer.signerPubkey() + "\"]]");
                assertThat(e.path("content").asText()).doesNotContain("get_public_key");
            });
            assertThat(another.clientPubkey()).isNotEqualTo(client.clientPubkey());
        }
    }

    @Test
    void aRefusalComesBackWithTheSignersWords() throws Exception {
        String relay = relays.accepting("client-refusing");
        try (TestSigner signer = new TestSigner(REFUSING).listenOn(List.of(relay));
             RemoteSignerClient client = toBunker(signer.bunkerUri(null, relay))) {
            within(client.connect());

            assertThatThrownBy(() -> within(client.signEvent(LOGIN))).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(SignerRefusedException.class)
                    .satisfies(e -> assertThat(((SignerRefusedException) e).signerMessage()).isEqualTo("user declined"));
        }
    }

    @Test
    void aSilentSignerLeavesTheRequestWaitingUntilTheCallerGivesUp() throws Exception {
        String relay = relays.accepting("client-silent");
        try (TestSigner signer = new TestSigner(SILENT).listenOn(List.of(relay));
             RemoteSignerClient client = toBunker(signer.bunkerUri(null, relay))) {
            CompletableFuture<Void> connect = client.connect().orTimeout(300, TimeUnit.MILLISECONDS);

            assertThatThrownBy(() -> within(connect)).cause().isInstanceOf(TimeoutException.class);
            assertThat(signer.methods()).containsExactly("connect");
        }
    }

    @Test
    void answersFromAnyOtherKeyAreIgnored() throws Exception {
        String relay = relays.accepting("client-impostor");
        try (TestSigner signer = new TestSigner(WITH_IMPOSTOR).listenOn(List.of(relay));
             RemoteSignerClient client = toBunker(signer.bunkerUri(null, relay))) {
            within(client.connect());

            assertThat(within(client.getPublicKey())).isEqualTo(signer.userPubkey());
            assertThat(within(client.signEvent(LOGIN)).pubkey()).isEqualTo(signer.userPubkey())
                    .isNotEqualTo(signer.impostorUserPubkey());
        }
    }

    @Test
    void anAuthUrlIsPassedOnAndTheSameRequestKeepsWaiting() throws Exception {
        String relay = relays.accepting("client-auth-url");
        try (TestSigner signer = new TestSigner(AUTH_URL_FIRST).listenOn(List.of(relay));
             RemoteSignerClient client = toBunker(signer.bunkerUri(null, relay))) {
            within(client.connect());
            CompletableFuture<NostrEvent> signed = client.signEvent(LOGIN);
            TestSigner.await(() -> !authUrls.isEmpty(), "the auth_url");
            assertThat(signed).isNotDone();

            signer.approve();

            assertThat(within(signed).pubkey()).isEqualTo(signer.userPubkey());
            assertThat(authUrls).containsExactly(TestSigner.AUTH_PAGE);
        }
    }

    @Test
    void theSignerThatScansTheCodeIsTheOneThatEchoesItsSecret() throws Exception {
        String relay = relays.accepting("client-qr");
        try (RemoteSignerClient client = RemoteSignerClient.awaitingSigner(RELAYS, List.of(relay), authUrls::add,
                Clock.systemUTC());
             TestSigner guesser = new TestSigner(OBEDIENT);
             TestSigner signer = new TestSigner(OBEDIENT)) {
            String uri = client.nostrConnectUri(List.of(relay), "Hostr test");
            guesser.scan(uri.replaceAll("secret=[0-9a-f]+", "secret=0123456789abcdef0123456789abcdef"));
            signer.scan(uri);

            assertThat(within(client.signerConnected())).isEqualTo(signer.signerPubkey());
            assertThat(within(client.getPublicKey())).isEqualTo(signer.userPubkey());
            assertThat(guesser.methods()).isEmpty();
        }
    }

    @Test
    void garbageFromOneRelayDoesNotStopTheConversationOnAnother() throws Exception {
        String good = relays.accepting("client-beside-garbage");
        try (TestSigner signer = new TestSigner(OBEDIENT).listenOn(List.of(good))) {
            String bad = relays.answeringRequests("client-garbage", (sub, filter) ->
                    GarbageFrames.for_(sub, filter.path("#p").path(0).asText(), signer.signerPubkey()));
            try (RemoteSignerClient client = toBunker(signer.bunkerUri(null, bad, good))) {
                within(client.connect());

                assertThat(within(client.signEvent(LOGIN)).pubkey()).isEqualTo(signer.userPubkey());
            }
        }
    }

    @Test
    void answersThatAreNotWhatTheMethodReturnsFailWithACode() throws Exception {
        String relay = relays.accepting("client-nonsense");
        try (TestSigner signer = new TestSigner(TestSigner.Behaviour.ANSWERS_NONSENSE).listenOn(List.of(relay));
             RemoteSignerClient client = toBunker(signer.bunkerUri(null, relay))) {
            within(client.connect());

            assertThatThrownBy(() -> within(client.getPublicKey())).cause().isInstanceOf(RemoteSignerException.class)
                    .hasMessageContaining("not a 64-character hex key");
            assertThatThrownBy(() -> within(client.signEvent(LOGIN))).cause().isInstanceOf(RemoteSignerException.class)
                    .hasMessageContaining("not an event")
                    .satisfies(e -> assertThat(((RemoteSignerException) e).code()).isEqualTo("unexpected_reply"));
        }
    }

    @Test
    void whenNoRelayCanBeReachedTheCallFailsAtOnce() throws Exception {
        try (RemoteSignerClient client = toBunker("bunker://" + new TestSigner(OBEDIENT).signerPubkey()
                + "?relay=" + relays.notARelay())) {
            assertThatThrownBy(() -> within(client.connect())).cause().isInstanceOf(RemoteSignerException.class)
                    .hasMessageContaining("none of the signer's relays");
        }
    }

    /** The events this client published to a relay, as the relay received them. */
    private static List<JsonNode> published(String relayName, String clientPubkey) throws Exception {
        List<JsonNode> events = new java.util.ArrayList<>();
        for (String frame : relays.received(relayName)) {
            JsonNode node = JSON.readTree(frame);
            if (node.path(0).asText().equals("EVENT") && node.path(1).path("pubkey").asText().equals(clientPubkey)) {
                events.add(node.path(1));
            }
        }
        return events;
    }
}
