package org.hostr.customers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.hostr.audit.AuditLog;
import org.hostr.db.Database;
import org.hostr.nostr.EventSigner;
import org.hostr.nostr.EventTemplate;
import org.hostr.nostr.Keys;
import org.hostr.nostr.NostrKeyPair;
import org.hostr.nostr.relay.TestRelay;
import org.hostr.testing.TestDatabases;
import org.hostr.testing.TestDatabases.Kind;
import org.junit.jupiter.api.Test;

class ProfileRefreshTest {

    @Test
    void loggingInAgainAndAgainAsksTheRelaysOnce() throws Exception {
        NostrKeyPair alice = Keys.generate();
        String profile = EventSigner.sign(new EventTemplate(0, List.of(), "{\"name\":\"alice\"}", 1_000),
                alice.secretKey()).toJson();
        try (TestRelay relays = new TestRelay(); Database database = TestDatabases.open(Kind.SQLITE)) {
            String relay = relays.storing("profiles", profile);
            CustomerService customers = new CustomerService(database, new AuditLog(database.dsl()), Clock.systemUTC());
            try (ProfileService profiles = new ProfileService(customers, List.of(relay), Clock.systemUTC())) {
                for (int i = 0; i < 50; i++) {
                    profiles.refreshLater(alice.pubkey());
                }
                long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
                while (requests(relays) == 0 && System.nanoTime() < until) {
                    Thread.sleep(20);
                }
                Thread.sleep(500); // room for any further refresh to reach the relay
                for (int i = 0; i < 50; i++) {
                    profiles.refreshLater(alice.pubkey());
                }
                Thread.sleep(500);

                assertThat(requests(relays)).isEqualTo(1);
                assertThat(profiles.profile(alice.pubkey())).hasValueSatisfying(v -> assertThat(v.name()).isEqualTo("alice"));
            }
        }
    }

    private static long requests(TestRelay relays) {
        return relays.received("profiles").stream().filter(frame -> frame.startsWith("[\"REQ\"")).count();
    }
}
