package org.hostr.provisioning.whm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.hostr.provisioning.whm.SimulatedWhm.request;

import java.time.Duration;
import org.hostr.sim.whm.WhmSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A createacct that outlives the client's patience still creates the account: ask, never resend. */
class WhmClientTimeoutTest {
    private static final WhmTimeouts IMPATIENT =
            new WhmTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofMillis(300));

    private WhmSimulator whm;
    private WhmClient client;

    @BeforeEach
    void start() {
        whm = new WhmSimulator().start(0);
        client = SimulatedWhm.client(whm, IMPATIENT);
    }

    @AfterEach
    void stop() {
        client.close();
        whm.stop();
    }

    @Test
    void slowCreateTimesOutYetTheAccountExists() {
        // given createacct takes longer than the client waits
        whm.faults().slowCreate(Duration.ofMillis(1500));

        // when
        WhmTimeoutException e = catchThrowableOfType(WhmTimeoutException.class,
                () -> client.createAccount(request("shop", "shop.example")));

        // then the outcome was unknown to the client, yet asking WHM finds the account it made
        assertThat(e.function()).isEqualTo("createacct");
        assertThat(e.getMessage()).contains("look the result up");
        assertThat(client.findAccountByUser("shop"))
                .hasValueSatisfying(a -> assertThat(a.domain()).isEqualTo("shop.example"));
        assertThat(whm.createAccountCalls()).isEqualTo(1);
    }

    @Test
    void createAccountWaitsLongerThanOrdinaryCalls() {
        // given a client that waits 300 ms for ordinary calls but 5 s for createacct
        WhmTimeouts patientForCreate =
                new WhmTimeouts(Duration.ofSeconds(2), Duration.ofMillis(300), Duration.ofSeconds(5));
        whm.faults().slowCreate(Duration.ofMillis(800));
        try (WhmClient patient = SimulatedWhm.client(whm, patientForCreate)) {
            // when / then a createacct slower than the ordinary timeout still gets its answer
            assertThat(patient.createAccount(request("shop", "shop.example")).plan()).isEqualTo("basic");
        }
    }
}
