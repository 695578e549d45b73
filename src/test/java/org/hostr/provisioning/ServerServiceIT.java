package org.hostr.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hostr.db.generated.Tables.SERVERS;

import java.util.List;
import org.hostr.config.HostrConfig.WhmServerEntry;
import org.hostr.sim.whm.WhmSimulator;
import org.hostr.testing.TestDatabases.Kind;
import org.hostr.web.ApiError;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ServerServiceIT {

    @ParameterizedTest
    @EnumSource(Kind.class)
    void plainHttpToAPublicHostOrABlankTokenIsRefusedAndNothingStored(Kind kind) {
        try (ProvisioningFixture f = new ProvisioningFixture(kind)) {
            ServerService servers = f.module.servers();

            assertThatThrownBy(() -> servers.add(new ServerInput("whm1", "http://whm1.example.com:2087", "root", "t",
                    null, null, null, null), "admin"))
                    .isInstanceOf(ApiError.class).hasMessageContaining("https://");
            assertThatThrownBy(() -> servers.add(new ServerInput("whm1", "https://whm1.example.com:2087", "root", " ",
                    null, null, null, null), "admin"))
                    .isInstanceOf(ApiError.class).hasMessageContaining("token is required");
            assertThatThrownBy(() -> servers.add(new ServerInput("whm1", "https://whm1.example.com:2087", "root", "t",
                    null, 0L, null, null), "admin"))
                    .isInstanceOf(ApiError.class).hasMessageContaining("max_accounts");

            assertThat(f.db.dsl().fetchCount(SERVERS)).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void theTokenIsStoredEncryptedAndTheConnectionTestUsesIt(Kind kind) {
        try (ProvisioningFixture f = new ProvisioningFixture(kind)) {
            Server server = f.addServer();

            String stored = f.db.dsl().select(SERVERS.WHM_TOKEN_ENC).from(SERVERS).fetchSingle(SERVERS.WHM_TOKEN_ENC);
            assertThat(stored).doesNotContain(WhmSimulator.DEFAULT_TOKEN);
            assertThat(f.secrets.decrypt(stored)).isEqualTo(WhmSimulator.DEFAULT_TOKEN);
            assertThat(f.module.servers().test(server.id()).ok()).isTrue();
            assertThatThrownBy(() -> f.addServer("whm1", "x")).isInstanceOf(ApiError.class)
                    .hasMessageContaining("exists already");
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aPackageMissingOnAnActiveServerIsNamedAndAnUnreachableServerIsListedApart(Kind kind) {
        try (ProvisioningFixture f = new ProvisioningFixture(kind)) {
            ServerService servers = f.module.servers();
            f.addServer("whm1", WhmSimulator.DEFAULT_TOKEN);

            assertThat(servers.checkPackage("basic").missingOn()).isEmpty();
            assertThat(servers.checkPackage("platinum").missingOn()).containsExactly("whm1");

            f.whm.goDown(WhmSimulator.DownMode.HTTP_503);
            ServerService.PackageCheck down = servers.checkPackage("platinum");
            assertThat(down.missingOn()).isEmpty();
            assertThat(down.unreachable()).containsExactly("whm1");
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void anEditedTokenRebuildsTheClient(Kind kind) {
        try (ProvisioningFixture f = new ProvisioningFixture(kind)) {
            ServerService servers = f.module.servers();
            Server server = f.addServer("whm1", "wrong");
            assertThat(servers.test(server.id()).ok()).isFalse();
            assertThat(servers.test(server.id()).error()).contains("refused the API token");

            servers.edit(server.id(), new ServerInput(null, null, null, WhmSimulator.DEFAULT_TOKEN, null, null, null, null),
                    "admin");

            assertThat(servers.test(server.id()).ok()).isTrue();
            assertThat(servers.get(server.id()).name()).isEqualTo("whm1");
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void newAccountsGoToTheLeastLoadedServerWithRoom(Kind kind) {
        try (ProvisioningFixture f = new ProvisioningFixture(kind)) {
            ServerService servers = f.module.servers();
            Server one = f.addServer("whm1", WhmSimulator.DEFAULT_TOKEN);
            Server two = f.addServer("whm2", WhmSimulator.DEFAULT_TOKEN);
            long id = f.newService("first.example");
            f.requestProvisioning(id);
            f.runJobs();
            assertThat(f.row(id).getServerId()).isEqualTo(one.id());

            assertThat(f.db.transaction(servers::pickServer).id()).isEqualTo(two.id());
            assertThat(servers.list()).extracting(Server::accounts).containsExactly(1L, 0L);

            servers.edit(two.id(), new ServerInput(null, null, null, null, null, null, false, null), "admin");
            servers.edit(one.id(), new ServerInput(null, null, null, null, null, 1L, null, null), "admin");
            assertThatThrownBy(() -> f.db.transaction(servers::pickServer))
                    .isInstanceOf(NoServerAvailableException.class).hasMessageContaining("add a server or raise max_accounts");
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void configEntriesAreInsertedThenUpdatedByName(Kind kind) {
        try (ProvisioningFixture f = new ProvisioningFixture(kind)) {
            ServerService servers = f.module.servers();
            servers.upsertFromConfig(List.of(new WhmServerEntry("main", f.whm.baseUrl(), "root", "old", 10, null, true)));
            servers.upsertFromConfig(List.of(new WhmServerEntry("main", f.whm.baseUrl(), "root",
                    WhmSimulator.DEFAULT_TOKEN, 20, null, true)));

            assertThat(servers.list()).singleElement().satisfies(s -> {
                assertThat(s.name()).isEqualTo("main");
                assertThat(s.maxAccounts()).isEqualTo(20);
                assertThat(servers.test(s.id()).ok()).isTrue();
            });
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void credentialsAreTheOwnersOnlyAndPasswordResetNeedsAnActiveService(Kind kind) {
        try (ProvisioningFixture f = new ProvisioningFixture(kind)) {
            f.addServer();
            long owner = f.newCustomer();
            long stranger = f.newCustomer();
            long id = f.newService(owner, "mine.example");

            assertThatThrownBy(() -> f.service().credentials(owner, id)).isInstanceOf(ApiError.class)
                    .satisfies(e -> assertThat(((ApiError) e).status()).isEqualTo(409));
            assertThatThrownBy(() -> f.service().customerPasswordReset(owner, id)).isInstanceOf(ApiError.class)
                    .hasMessageContaining("ACTIVE");
            f.requestProvisioning(id);
            f.runJobs();

            assertThat(f.service().credentials(owner, id).username()).isEqualTo(f.row(id).getUsername());
            assertThatThrownBy(() -> f.service().credentials(stranger, id)).isInstanceOf(ApiError.class)
                    .satisfies(e -> assertThat(((ApiError) e).status()).isEqualTo(404));
            assertThatThrownBy(() -> f.service().customerPasswordReset(stranger, id)).isInstanceOf(ApiError.class)
                    .satisfies(e -> assertThat(((ApiError) e).status()).isEqualTo(404));
        }
    }
}
