package org.hostr.sim.whm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The simulator refuses what WHM refuses, with WHM's reasons. */
class WhmSimulatorRulesTest {
    private WhmSimulator whm;
    private RawWhm raw;

    @BeforeEach
    void start() {
        whm = new WhmSimulator().start(0);
        raw = new RawWhm(whm);
    }

    @AfterEach
    void stop() {
        whm.stop();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
            "1shop, begin with a digit",
            "testshop, begin with a digit or the string",
            "mypassword, end with the string",
            "abcdefghijklmnopq, too long",
            "my_shop, only contain lowercase letters",
            "apache, is a reserved username on this system",
            "root, is a reserved username on this system"})
    void refusesUsernamesAgainstTheRules(String username, String reason) throws Exception {
        JsonNode reply = create(username, username.replace("_", "") + ".example", "basic");

        assertThat(reply.at("/metadata/result").asInt()).isZero();
        assertThat(reply.at("/metadata/reason").asText()).startsWith("(XID ").contains(reason);
        assertThat(whm.accountCount()).isZero();
    }

    @Test
    void verifyNewUsernameAppliesTheSameRules() throws Exception {
        assertThat(raw.api1("verify_new_username", "user=apache").at("/metadata/result").asInt()).isZero();
        assertThat(raw.api1("verify_new_username", "user=shop").at("/metadata/result").asInt()).isEqualTo(1);
    }

    @Test
    void usernameIsLowercased() throws Exception {
        create("ShopA", "shopa.example", "basic");

        assertThat(whm.account("shopa")).isPresent();
    }

    @Test
    void existingUserIsRefused() throws Exception {
        whm.seedAccount("shop", "shop.example", "basic");

        JsonNode reply = create("shop", "other.example", "basic");

        assertThat(reply.at("/metadata/reason").asText()).contains("already has an account named \u201cshop\u201d");
    }

    @Test
    void sharedDatabasePrefixIsRefused() throws Exception {
        whm.seedAccount("verylong", "verylong.example", "basic");

        JsonNode reply = create("verylongname", "verylongname.example", "basic");

        assertThat(reply.at("/metadata/reason").asText()).contains("first 8 characters must be unique");
    }

    @Test
    void existingDomainIsRefusedWithWhmsWording() throws Exception {
        whm.seedAccount("other", "shop.example", "basic");

        String reason = create("shop", "shop.example", "basic").at("/metadata/reason").asText();

        assertThat(reason).matches("\\(XID [a-z0-9]{6}\\) The domain \u201cshop\\.example\u201d already exists in the userdata\\.");
    }

    @Test
    void unknownPackageIsRefusedWithWhmsTypo() throws Exception {
        String reason = create("shop", "shop.example", "gold").at("/metadata/reason").asText();

        assertThat(reason).isEqualTo("Sorry, \u201cgold\u201d is not a valid pacakge name.");
    }

    @Test
    void weakPasswordIsRefused() throws Exception {
        whm.seedAccount("shop", "shop.example", "basic");

        JsonNode reply = raw.post("passwd", Map.of("user", "shop", "password", "password"));

        assertThat(reply.at("/metadata/result").asInt()).isZero();
        assertThat(reply.at("/metadata/reason").asText()).contains("too weak");
    }

    @Test
    void changesToAMissingAccountAreRefused() throws Exception {
        for (String function : new String[] {"suspendacct", "unsuspendacct", "changepackage", "passwd"}) {
            JsonNode reply = raw.post(function, Map.of("user", "ghost", "pkg", "pro", "password", "Str0ng-Pass!"));
            assertThat(reply.at("/metadata/reason").asText()).as(function).contains("does not exist");
        }
        assertThat(raw.post("removeacct", Map.of("username", "ghost")).at("/metadata/reason").asText())
                .contains("does not exist");
    }

    @Test
    void changepackageToAnUnknownPackageIsRefused() throws Exception {
        whm.seedAccount("shop", "shop.example", "basic");

        JsonNode reply = raw.post("changepackage", Map.of("user", "shop", "pkg", "gold"));

        assertThat(reply.at("/metadata/result").asInt()).isZero();
        assertThat(whm.account("shop")).hasValueSatisfying(a -> assertThat(a.plan()).isEqualTo("basic"));
    }

    @Test
    void removeacctAcceptsTheOldUserAlias() throws Exception {
        whm.seedAccount("shop", "shop.example", "basic");

        raw.post("removeacct", Map.of("user", "shop"));

        assertThat(whm.account("shop")).isEmpty();
    }

    private JsonNode create(String username, String domain, String plan) throws Exception {
        return raw.post("createacct", Map.of("username", username, "domain", domain, "plan", plan,
                "password", "Str0ng-Pass!"));
    }
}
