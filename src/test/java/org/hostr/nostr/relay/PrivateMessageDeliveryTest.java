package org.hostr.nostr.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import okhttp3.OkHttpClient;
import org.hostr.nostr.DirectMessage;
import org.hostr.nostr.EventSigner;
import org.hostr.nostr.EventTemplate;
import org.hostr.nostr.GiftUnwrapper;
import org.hostr.nostr.GiftWrapper;
import org.hostr.nostr.Keys;
import org.hostr.nostr.NostrEvent;
import org.hostr.nostr.NostrKeyPair;
import org.hostr.nostr.Rumor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The whole NIP-17 path over real WebSockets: find the customer's inbox, wrap, publish, and read it as they would. */
class PrivateMessageDeliveryTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final OkHttpClient HTTP = new OkHttpClient();
    private static final NostrKeyPair SHOP = Keys.generate();
    private static final NostrKeyPair CUSTOMER = Keys.generate();
    private static TestRelay relays;
    private final DmRelayListFetcher dmRelays = new DmRelayListFetcher(HTTP);
    private final RelayPublisher publisher = new RelayPublisher(HTTP);
    private final GiftWrapper wrapper = new GiftWrapper(Clock.fixed(NOW, ZoneOffset.UTC), new SecureRandom());

    @BeforeAll
    static void startRelays() {
        relays = new TestRelay();
    }

    @AfterAll
    static void stopRelays() {
        relays.close();
    }

    @Test
    void theCustomerReadsTheShopsMessageFromTheInboxRelayTheyNamed() throws Exception {
        String inbox = relays.accepting("customer-inbox");
        String lookup = relays.storing("shop-lookup", dmRelayList(CUSTOMER, 1_000, inbox).toJson());

        DmRelayList list = dmRelays.fetch(CUSTOMER.pubkey(), List.of(lookup), TIMEOUT).orElseThrow();
        Rumor notice = DirectMessage.rumor(SHOP.pubkey(), CUSTOMER.pubkey(), "Invoice INV-2026-000123",
                "Paid, thank you. Your hosting runs until 1 April.", NOW);
        NostrEvent wrap = wrapper.wrap(notice, SHOP, CUSTOMER.pubkey());
        PublishReport report = publisher.publish(wrap, list.relays(), TIMEOUT);

        assertThat(list.relays()).containsExactly(inbox);
        assertThat(report.outcomes()).containsOnlyKeys(inbox);
        assertThat(report.acceptedByAny()).isTrue();
        List<NostrEvent> inboxEvents = RelayReader.read(HTTP, inbox,
                "{\"kinds\":[1059],\"#p\":[\"" + CUSTOMER.pubkey() + "\"]}");
        assertThat(inboxEvents).hasSize(1);
        Rumor read = GiftUnwrapper.unwrap(inboxEvents.get(0), CUSTOMER.secretKey());
        assertThat(read.pubkey()).isEqualTo(SHOP.pubkey());
        assertThat(read.content()).isEqualTo("Paid, thank you. Your hosting runs until 1 April.");
        assertThat(read.firstTagValue("subject")).isEqualTo("Invoice INV-2026-000123");
    }

    @Test
    void theNewestValidlySignedDmRelayListWins() {
        NostrEvent newest = dmRelayList(CUSTOMER, 3_000, "wss://new.example.com");
        NostrEvent forged = withForeignSignature(dmRelayList(CUSTOMER, 9_000, "wss://attacker.example.com"), newest);
        String one = relays.storing("lists-1", dmRelayList(CUSTOMER, 1_000, "wss://old.example.com").toJson(),
                forged.toJson());
        String two = relays.storing("lists-2", newest.toJson());

        Optional<DmRelayList> list = dmRelays.fetch(CUSTOMER.pubkey(), List.of(one, two), TIMEOUT);

        assertThat(list).get().extracting(DmRelayList::relays).isEqualTo(List.of("wss://new.example.com"));
    }

    @Test
    void aCustomerWithoutADmRelayListHasNoInbox() {
        String lookup = relays.storing("lookup-empty");

        assertThat(dmRelays.fetch(CUSTOMER.pubkey(), List.of(lookup), TIMEOUT)).isEmpty();
    }

    @Test
    void aDmRelayListOfSomeoneElseIsNotTaken() {
        NostrKeyPair stranger = Keys.generate();
        String lookup = relays.storing("lookup-stranger", dmRelayList(stranger, 1_000, "wss://x.example.com").toJson());

        assertThat(dmRelays.fetch(CUSTOMER.pubkey(), List.of(lookup), TIMEOUT)).isEmpty();
    }

    private static NostrEvent dmRelayList(NostrKeyPair owner, long createdAt, String... relayUrls) {
        List<List<String>> tags = Arrays.stream(relayUrls).map(url -> List.of("relay", url)).toList();
        return EventSigner.sign(new EventTemplate(DmRelayList.KIND, tags, "", createdAt), owner.secretKey());
    }

    private static NostrEvent withForeignSignature(NostrEvent e, NostrEvent donor) {
        return new NostrEvent(e.id(), e.pubkey(), e.createdAt(), e.kind(), e.tags(), e.content(), donor.sig());
    }
}
