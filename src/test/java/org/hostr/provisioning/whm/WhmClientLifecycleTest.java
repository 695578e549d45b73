package org.hostr.provisioning.whm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hostr.provisioning.whm.SimulatedWhm.client;
import static org.hostr.provisioning.whm.SimulatedWhm.request;

import org.hostr.sim.whm.WhmSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client against the simulator over real HTTP: the calls that succeed. */
class WhmClientLifecycleTest {
    private WhmSimulator whm;
    private WhmClient client;

    @BeforeEach
    void start() {
        whm = new WhmSimulator().start(0);
        client = client(whm);
    }

    @AfterEach
    void stop() {
        client.close();
        whm.stop();
    }

    @Test
    void accountGoesThroughItsWholeLifecycle() {
        // given a created account
        CreatedAccount created = client.createAccount(request("shop", "shop.example"));
        assertThat(created.username()).isEqualTo("shop");
        assertThat(created.plan()).isEqualTo("basic");
        assertThat(created.ip()).isNotBlank();
        assertThat(created.nameservers()).hasSize(2);
        assertThat(client.accountSummary("shop")).hasValueSatisfying(a -> {
            assertThat(a.domain()).isEqualTo("shop.example");
            assertThat(a.plan()).isEqualTo("basic");
            assertThat(a.suspended()).isFalse();
            assertThat(a.suspendReason()).isNull();
        });

        // when suspended, the reason is kept
        client.suspend("shop", "Invoice INV-2026-000123 unpaid");
        assertThat(client.accountSummary("shop")).hasValueSatisfying(a -> {
            assertThat(a.suspended()).isTrue();
            assertThat(a.suspendReason()).isEqualTo("Invoice INV-2026-000123 unpaid");
        });

        // when unsuspended, moved to another package and given a new password
        client.unsuspend("shop");
        assertThat(client.accountSummary("shop")).hasValueSatisfying(a -> assertThat(a.suspended()).isFalse());
        client.changePackage("shop", "pro");
        assertThat(client.accountSummary("shop")).hasValueSatisfying(a -> assertThat(a.plan()).isEqualTo("pro"));
        client.setPassword("shop", "N3w-Passw0rd-here");
        assertThat(whm.account("shop")).hasValueSatisfying(a -> assertThat(a.password()).isEqualTo("N3w-Passw0rd-here"));

        // then removed, it is gone
        client.remove("shop");
        assertThat(client.accountSummary("shop")).isEmpty();
        assertThat(whm.accountCount()).isZero();
    }

    @Test
    void findsAnAccountByExactUserAndByDomain() {
        // given two accounts whose names share a prefix
        whm.seedAccount("shop", "shop.example", "basic");
        whm.seedAccount("shop1", "shop1.example", "basic");

        // when / then an exact search finds only the one asked for
        assertThat(client.findAccountByUser("shop")).hasValueSatisfying(a -> assertThat(a.user()).isEqualTo("shop"));
        assertThat(client.findAccountByDomain("shop1.example"))
                .hasValueSatisfying(a -> assertThat(a.user()).isEqualTo("shop1"));
    }

    @Test
    void exactSearchWithNoMatchFindsNothing() {
        // given an account
        whm.seedAccount("shop", "shop.example", "basic");

        // when / then searching for another name or domain finds nothing
        assertThat(client.findAccountByUser("sho")).isEmpty();
        assertThat(client.findAccountByDomain("other.example")).isEmpty();
    }

    @Test
    void listsEveryAccount() {
        whm.seedAccount("alpha", "alpha.example", "basic");
        whm.seedAccount("beta", "beta.example", "pro");

        assertThat(client.listAccounts()).extracting(WhmAccount::user).containsExactlyInAnyOrder("alpha", "beta");
    }

    @Test
    void listsPackagesWithTheirLimits() {
        assertThat(client.listPackages()).containsExactly(
                new WhmPackage("basic", "1024", "10240"),
                new WhmPackage("standard", "5120", "51200"),
                new WhmPackage("pro", "20480", "unlimited"));
    }

    @Test
    void versionIsTheServersVersion() {
        assertThat(client.version()).matches("11\\.\\d+\\.\\d+\\.\\d+");
    }

    @Test
    void freeUsernameIsAccepted() {
        assertThat(client.verifyNewUsername("freshname")).isEqualTo(new UsernameCheck(true, "OK"));
    }
}
