package org.hostr.provisioning.whm;

import java.time.Duration;
import org.hostr.sim.whm.WhmSimulator;

/** Test fixtures: a client pointed at a running simulator, and createacct requests. */
final class SimulatedWhm {
    static final String PASSWORD = "Corr3ct-Horse!";
    static final WhmTimeouts QUICK = new WhmTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(5));

    private SimulatedWhm() {
    }

    static WhmClient client(WhmSimulator whm) {
        return client(whm, QUICK);
    }

    static WhmClient client(WhmSimulator whm, WhmTimeouts timeouts) {
        return new WhmClient(WhmEndpoint.of(whm.baseUrl(), WhmSimulator.DEFAULT_USER, WhmSimulator.DEFAULT_TOKEN),
                timeouts);
    }

    static CreateAccountRequest request(String username, String domain) {
        return new CreateAccountRequest(username, domain, "basic", PASSWORD, "owner@" + domain);
    }
}
