package org.hostr.sim.whm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The simulator's wire format: status codes, envelopes and content types as the spec describes WHM's. */
class WhmSimulatorWireTest {
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

    @Test
    void missingTokenGets403WithAPlainTextCpanelresult() throws Exception {
        HttpResponse<String> response = raw.get("version", "api.version=1", null);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        JsonNode body = RawWhm.parse(response.body());
        assertThat(body.at("/cpanelresult/error").asText()).isEqualTo("Access denied");
        assertThat(body.at("/cpanelresult/data/result").asText()).isEqualTo("0");
    }

    @Test
    void wrongTokenGets403() throws Exception {
        assertThat(raw.get("version", "api.version=1", "whm root:wrong").statusCode()).isEqualTo(403);
    }

    @Test
    void failureIsHttp200WithResultZero() throws Exception {
        HttpResponse<String> response = raw.get("no_such_function", "api.version=1", RawWhm.AUTH);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode metadata = RawWhm.parse(response.body()).path("metadata");
        assertThat(metadata.path("result").asInt()).isZero();
        assertThat(metadata.path("command").asText()).isEqualTo("no_such_function");
        assertThat(metadata.path("version").asInt()).isEqualTo(1);
        assertThat(metadata.path("reason").asText()).contains("no_such_function");
    }

    @Test
    void createacctAnswersTheApi1Envelope() throws Exception {
        JsonNode reply = raw.post("createacct", Map.of("username", "shop", "domain", "shop.example", "plan", "pro",
                "password", "Str0ng-Pass!"));

        assertThat(reply.at("/metadata/result").asInt()).isEqualTo(1);
        assertThat(reply.at("/metadata/reason").asText()).isEqualTo("Account Creation Ok");
        assertThat(reply.at("/metadata/output/raw").asText()).isNotBlank();
        assertThat(reply.at("/data/package").asText()).isEqualTo("pro");
        assertThat(reply.at("/data/ip").asText()).isNotBlank();
        assertThat(reply.at("/data/nameserver").asText()).isNotBlank();
    }

    @Test
    void requestWithoutApiVersionGetsTheLegacyShape() throws Exception {
        HttpResponse<String> response = raw.send("/json-api/createacct",
                Map.of("username", "shop", "domain", "shop.example", "plan", "basic"), RawWhm.AUTH);

        JsonNode body = RawWhm.parse(response.body());
        assertThat(body.has("metadata")).isFalse();
        assertThat(body.at("/result/0/status").asInt()).isEqualTo(1);
        assertThat(body.at("/result/0/statusmsg").asText()).isEqualTo("Account Creation Ok");
    }

    @Test
    void getQueryParametersWorkLikeFormParameters() throws Exception {
        JsonNode reply = raw.api1("createacct", "username=shop&domain=shop.example&plan=basic");

        assertThat(reply.at("/metadata/result").asInt()).isEqualTo(1);
        assertThat(whm.account("shop")).isPresent();
    }

    @Test
    void listpkgsUsesUppercaseLimitKeys() throws Exception {
        JsonNode pkg = raw.api1("listpkgs", "").at("/data/pkg/0");

        assertThat(pkg.path("name").asText()).isEqualTo("basic");
        assertThat(pkg.path("QUOTA").asText()).isEqualTo("1024");
        assertThat(pkg.path("BWLIMIT").asText()).isEqualTo("10240");
        assertThat(pkg.has("quota")).isFalse();
    }

    @Test
    void accountsummaryDescribesTheAccount() throws Exception {
        whm.seedAccount("shop", "shop.example", "basic");
        raw.post("suspendacct", Map.of("user", "shop", "reason", "unpaid"));

        JsonNode acct = raw.api1("accountsummary", "user=shop").at("/data/acct/0");

        assertThat(acct.path("suspended").asInt()).isEqualTo(1);
        assertThat(acct.path("suspendreason").asText()).isEqualTo("unpaid");
        assertThat(acct.path("disklimit").asText()).isEqualTo("1024M");
        assertThat(acct.path("diskused").asText()).isEqualTo("0M");
    }

    @Test
    void accountsummaryNeedsAUserOrDomain() throws Exception {
        JsonNode metadata = raw.api1("accountsummary", "").path("metadata");

        assertThat(metadata.path("result").asInt()).isZero();
        assertThat(metadata.path("reason").asText()).contains("You must specify a user or domain");
    }

    @Test
    void listacctsSearchesByRegexUnlessExact() throws Exception {
        whm.seedAccount("shop", "shop.example", "basic");
        whm.seedAccount("shop1", "shop1.example", "basic");

        assertThat(raw.api1("listaccts", "searchtype=user&search=%5Eshop").at("/data/acct")).hasSize(2);
        assertThat(raw.api1("listaccts", "searchtype=user&search=shop&searchmethod=exact").at("/data/acct"))
                .hasSize(1);
        assertThat(raw.api1("listaccts", "searchtype=domain&search=none.example&searchmethod=exact")
                .at("/data/acct")).isEmpty();
    }

    @Test
    void listacctsWantKeepsOnlyTheNamedFields() throws Exception {
        whm.seedAccount("shop", "shop.example", "basic");

        JsonNode acct = raw.api1("listaccts", "want=user,domain").at("/data/acct/0");

        assertThat(acct.size()).isEqualTo(2);
        assertThat(acct.path("user").asText()).isEqualTo("shop");
    }

    @Test
    void passwdAnswersWithTheAppsChanged() throws Exception {
        whm.seedAccount("shop", "shop.example", "basic");

        JsonNode reply = raw.post("passwd", Map.of("user", "shop", "password", "An0ther-Good-One"));

        assertThat(reply.at("/metadata/reason").asText()).isEqualTo("Password changed for user \u201cshop\u201d.");
        assertThat(reply.at("/data/app")).isNotEmpty();
    }

    @Test
    void countsCallsPerFunctionWhateverTheOutcome() throws Exception {
        raw.get("version", "api.version=1", RawWhm.AUTH);
        raw.get("version", "api.version=1", null);
        raw.api1("createacct", "username=1bad&domain=bad.example");

        assertThat(whm.calls("version")).isEqualTo(2);
        assertThat(whm.createAccountCalls()).isEqualTo(1);
        assertThat(whm.callsByFunction()).containsOnlyKeys("version", "createacct");
    }
}
