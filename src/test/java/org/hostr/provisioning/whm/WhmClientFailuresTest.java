package org.hostr.provisioning.whm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.hostr.provisioning.whm.SimulatedWhm.QUICK;
import static org.hostr.provisioning.whm.SimulatedWhm.client;
import static org.hostr.provisioning.whm.SimulatedWhm.request;

import org.hostr.sim.whm.WhmFaults;
import org.hostr.sim.whm.WhmSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client against the simulator over real HTTP: each way a call fails maps to one exception. */
class WhmClientFailuresTest {
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
    void resultZeroOnHttp200IsAFailureWithTheReason() {
        // given WHM answers the next call with HTTP 200 and result 0
        whm.faults().failNext(1, WhmFaults.FailMode.RESULT_0);

        // when
        WhmCallFailedException e = catchThrowableOfType(WhmCallFailedException.class, () -> client.unsuspend("shop"));

        // then the reason is surfaced
        assertThat(e.function()).isEqualTo("unsuspendacct");
        assertThat(e.reason()).contains("Simulated failure");
        assertThat(e.getMessage()).contains("unsuspendacct").contains(e.reason());
    }

    @Test
    void duplicateDomainIsRefusedAsDomainTaken() {
        // given the domain belongs to another account
        whm.seedAccount("other", "shop.example", "basic");

        // when
        WhmCallFailedException e = catchThrowableOfType(WhmCallFailedException.class,
                () -> client.createAccount(request("shop", "shop.example")));

        // then
        assertThat(e.kind()).isEqualTo(WhmFailureKind.DOMAIN_TAKEN);
        assertThat(e.reason()).startsWith("(XID ").contains("\u201cshop.example\u201d");
        assertThat(whm.account("shop")).isEmpty();
    }

    @Test
    void unknownPackageIsRefused() {
        WhmCallFailedException e = catchThrowableOfType(WhmCallFailedException.class, () -> client.createAccount(
                new CreateAccountRequest("shop", "shop.example", "gold", SimulatedWhm.PASSWORD, null)));

        assertThat(e.kind()).isEqualTo(WhmFailureKind.UNKNOWN_PACKAGE);
        assertThat(whm.accountCount()).isZero();
    }

    @Test
    void reservedNameIsRefusedByVerifyNewUsername() {
        UsernameCheck check = client.verifyNewUsername("apache");

        assertThat(check.ok()).isFalse();
        assertThat(check.refusal()).contains(WhmFailureKind.RESERVED_USERNAME);
    }

    @Test
    void takenNameIsRefusedByVerifyNewUsername() {
        whm.seedAccount("shop", "shop.example", "basic");

        assertThat(client.verifyNewUsername("shop").refusal()).contains(WhmFailureKind.USERNAME_TAKEN);
    }

    @Test
    void removingAMissingAccountIsToldApart() {
        WhmCallFailedException e = catchThrowableOfType(WhmCallFailedException.class, () -> client.remove("ghost"));

        assertThat(e.isNoSuchAccount()).isTrue();
    }

    @Test
    void summaryOfAMissingAccountIsEmpty() {
        assertThat(client.accountSummary("ghost")).isEmpty();
    }

    @Test
    void weakPasswordIsRefused() {
        whm.seedAccount("shop", "shop.example", "basic");

        WhmCallFailedException e = catchThrowableOfType(WhmCallFailedException.class,
                () -> client.setPassword("shop", "secret"));

        assertThat(e.reason()).containsIgnoringCase("too weak");
    }

    @Test
    void halfCreatedAccountFailsAsUsernameTakenYetExists() {
        // given the next createacct leaves the user behind and fails
        whm.faults().halfCreateNext();

        // when
        WhmCallFailedException e = catchThrowableOfType(WhmCallFailedException.class,
                () -> client.createAccount(request("shop", "shop.example")));

        // then the failure says the name is taken, and asking WHM finds the account
        assertThat(e.kind()).isEqualTo(WhmFailureKind.USERNAME_TAKEN);
        assertThat(client.findAccountByUser("shop")).isPresent();
    }

    @Test
    void badTokenIsAnAuthFailure() {
        try (WhmClient wrong = new WhmClient(WhmEndpoint.of(whm.baseUrl(), "root", "not-the-token"), QUICK)) {
            catchThrowableOfType(WhmAuthException.class, wrong::version);
        }
    }

    @Test
    void tokenNeverAppearsInExceptionMessages() {
        // given a distinctive token that WHM refuses, and one it accepts
        String refused = "SECRETTOKEN0123456789ABCDEF";
        whm.withToken("root", "ACCEPTEDTOKEN987654321");
        try (WhmClient wrong = new WhmClient(WhmEndpoint.of(whm.baseUrl(), "root", refused), QUICK);
             WhmClient right = new WhmClient(WhmEndpoint.of(whm.baseUrl(), "root", "ACCEPTEDTOKEN987654321"), QUICK)) {
            // when calls fail in each way
            Throwable auth = catchThrowableOfType(WhmAuthException.class, wrong::version);
            Throwable failed = catchThrowableOfType(WhmCallFailedException.class, () -> right.remove("ghost"));
            whm.goDown(WhmSimulator.DownMode.REFUSED);
            Throwable unavailable = catchThrowableOfType(WhmUnavailableException.class, right::version);

            // then no message, cause or description carries a token
            for (Throwable t : new Throwable[] {auth, failed, unavailable}) {
                assertThat(everything(t)).doesNotContain(refused).doesNotContain("ACCEPTEDTOKEN987654321");
            }
            assertThat(right.toString() + WhmEndpoint.of(whm.baseUrl(), "root", refused)).doesNotContain(refused);
        }
    }

    @Test
    void http503IsUnavailable() {
        whm.goDown(WhmSimulator.DownMode.HTTP_503);

        WhmUnavailableException e = catchThrowableOfType(WhmUnavailableException.class, client::version);

        assertThat(e.getMessage()).contains("HTTP 503");
    }

    @Test
    void refusedConnectionIsUnavailable() {
        whm.goDown(WhmSimulator.DownMode.REFUSED);

        catchThrowableOfType(WhmUnavailableException.class,
                () -> client.createAccount(request("shop", "shop.example")));

        assertThat(whm.createAccountCalls()).isZero();
    }

    @Test
    void serverBackUpAnswersAgain() {
        whm.goDown(WhmSimulator.DownMode.REFUSED);
        catchThrowableOfType(WhmUnavailableException.class, client::version);

        whm.comeUp();

        assertThat(client.version()).isNotBlank();
    }

    private static String everything(Throwable t) {
        StringBuilder text = new StringBuilder();
        for (Throwable cause = t; cause != null; cause = cause.getCause()) {
            text.append(cause).append('\n');
        }
        return text.toString();
    }
}
