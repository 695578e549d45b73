package org.hostr.sim.whm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.ConnectException;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Fault switches, set over the /sim/faults control route. */
class WhmSimulatorFaultsTest {
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
    void failNextWithResultZeroFailsThatManyCallsThenRecovers() throws Exception {
        faults(Map.of("fail_next", "2", "fail_mode", "result0"));

        assertThat(raw.api1("version", "").at("/metadata/result").asInt()).isZero();
        assertThat(raw.api1("version", "").at("/metadata/result").asInt()).isZero();
        assertThat(raw.api1("version", "").at("/metadata/result").asInt()).isEqualTo(1);
    }

    @Test
    void failNextWith503AnswersHttp503AndChangesNothing() throws Exception {
        faults(Map.of("fail_next", "1", "fail_mode", "http503"));

        HttpResponse<String> response = raw.get("createacct", "api.version=1&username=shop&domain=shop.example",
                RawWhm.AUTH);

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(whm.accountCount()).isZero();
    }

    @Test
    void slowCreateStillCreatesTheAccount() throws Exception {
        faults(Map.of("create_delay_ms", "200"));

        long started = System.nanoTime();
        raw.api1("createacct", "username=shop&domain=shop.example&plan=basic");

        assertThat((System.nanoTime() - started) / 1_000_000).isGreaterThanOrEqualTo(200);
        assertThat(whm.account("shop")).isPresent();
    }

    @Test
    void halfCreateLeavesTheUserAndFails() throws Exception {
        faults(Map.of("half_create_next", "1"));

        JsonNode reply = raw.api1("createacct", "username=shop&domain=shop.example&plan=basic");

        assertThat(reply.at("/metadata/result").asInt()).isZero();
        assertThat(reply.at("/metadata/reason").asText()).contains("group").contains("already exists");
        assertThat(whm.account("shop")).isPresent();
        assertThat(raw.api1("createacct", "username=other&domain=other.example").at("/metadata/result").asInt())
                .isEqualTo(1);
    }

    @Test
    void down503AnswersEveryCallUntilTurnedOff() throws Exception {
        faults(Map.of("down", "http503"));
        assertThat(raw.get("version", "api.version=1", RawWhm.AUTH).statusCode()).isEqualTo(503);

        JsonNode state = faults(Map.of("down", "off"));

        assertThat(state.path("down").asText()).isEqualTo("off");
        assertThat(raw.get("version", "api.version=1", RawWhm.AUTH).statusCode()).isEqualTo(200);
    }

    @Test
    void downRefusedClosesThePortThenComesBack() throws Exception {
        faults(Map.of("down", "refused", "down_ms", "400"));
        Thread.sleep(250);

        assertThat(catchThrowable(() -> raw.get("version", "api.version=1", RawWhm.AUTH)))
                .isInstanceOf(ConnectException.class);
        Thread.sleep(500);
        assertThat(raw.get("version", "api.version=1", RawWhm.AUTH).statusCode()).isEqualTo(200);
    }

    @Test
    void downRefusedWithoutADurationIsRejected() throws Exception {
        HttpResponse<String> response = raw.send("/sim/faults", Map.of("down", "refused"), null);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("down_ms");
    }

    @Test
    void resetTurnsEverythingOff() throws Exception {
        faults(Map.of("fail_next", "5", "create_delay_ms", "1000", "half_create_next", "1"));

        JsonNode state = faults(Map.of("reset", "1"));

        assertThat(state.path("fail_next").asInt()).isZero();
        assertThat(state.path("create_delay_ms").asInt()).isZero();
        assertThat(state.path("half_create_next").asInt()).isZero();
    }

    private JsonNode faults(Map<String, String> settings) throws Exception {
        HttpResponse<String> response = raw.send("/sim/faults", settings, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return RawWhm.parse(response.body());
    }
}
