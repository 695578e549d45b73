package org.hostr.sim.strike;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ODataFilterTest {
    private static final Set<String> PROPS = Set.of("correlationId", "state", "created");

    private static boolean matches(String filter, Map<String, Object> entity) {
        return ODataFilter.parse(filter, PROPS).matches(entity::get);
    }

    @Test
    void doubledQuoteIsOneQuote() {
        assertThat(matches("correlationId eq 'O''Brien & co'", Map.of("correlationId", "O'Brien & co"))).isTrue();
        assertThat(matches("correlationId eq 'O''Brien'", Map.of("correlationId", "O'Brien & co"))).isFalse();
    }

    @Test
    void clausesJoinedByAndMustAllHold() {
        Map<String, Object> paid = Map.of("state", "PAID", "correlationId", "a");

        assertThat(matches("state eq 'PAID' and correlationId eq 'a'", paid)).isTrue();
        assertThat(matches("state eq 'PAID' and correlationId eq 'b'", paid)).isFalse();
    }

    @Test
    void createdComparesAsATimeQuotedOrNot() {
        Map<String, Object> e = Map.of("created", Instant.parse("2026-01-01T00:00:01Z"));

        assertThat(matches("created gt 2026-01-01T00:00:00Z", e)).isTrue();
        assertThat(matches("created gt '2026-01-01T00:00:00+00:00'", e)).isTrue();
        assertThat(matches("created ge 2026-01-01T00:00:01Z", e)).isTrue();
        assertThat(matches("created gt 2026-01-01T00:00:01Z", e)).isFalse();
    }

    @Test
    void orHoldsWhenEitherSideHolds() {
        String filter = "state eq 'PAID' or state eq 'UNPAID'";

        assertThat(matches(filter, Map.of("state", "PAID"))).isTrue();
        assertThat(matches(filter, Map.of("state", "UNPAID"))).isTrue();
        assertThat(matches(filter, Map.of("state", "CANCELLED"))).isFalse();
    }

    @Test
    void andBindsTighterThanOr() {
        String filter = "state eq 'PAID' and correlationId eq 'a' or correlationId eq 'b'";

        assertThat(matches(filter, Map.of("state", "UNPAID", "correlationId", "b"))).isTrue();
        assertThat(matches(filter, Map.of("state", "UNPAID", "correlationId", "a"))).isFalse();
        assertThat(matches(filter, Map.of("state", "PAID", "correlationId", "a"))).isTrue();
    }

    @Test
    void aListOfEqualsOnOnePropertyIsReadAsItsValues() {
        assertThat(ODataFilter.parse("correlationId eq 'a' or correlationId eq 'b'", PROPS).onlyEquals("correlationId"))
                .contains(Set.of("a", "b"));
        assertThat(ODataFilter.parse("correlationId eq 'a' and state eq 'PAID'", PROPS).onlyEquals("correlationId")).isEmpty();
        assertThat(ODataFilter.parse("correlationId ne 'a'", PROPS).onlyEquals("correlationId")).isEmpty();
        assertThat(ODataFilter.parse("state eq 'PAID'", PROPS).onlyEquals("correlationId")).isEmpty();
    }

    @Test
    void parenthesesAndDanglingJoinsAreRefused() {
        assertThatThrownBy(() -> ODataFilter.parse("(state eq 'PAID') or state eq 'UNPAID'", PROPS))
                .isInstanceOfSatisfying(SimError.class, e -> assertThat(e.status()).isEqualTo(400));
        assertThatThrownBy(() -> ODataFilter.parse("state eq 'PAID' or", PROPS))
                .isInstanceOfSatisfying(SimError.class, e -> assertThat(e.status()).isEqualTo(400));
        assertThatThrownBy(() -> ODataFilter.parse("state eq 'PAID' xor state eq 'UNPAID'", PROPS))
                .isInstanceOfSatisfying(SimError.class, e -> assertThat(e.status()).isEqualTo(400));
    }

    @Test
    void unknownPropertyIsRefused() {
        assertThatThrownBy(() -> ODataFilter.parse("amount gt 5", PROPS))
                .isInstanceOfSatisfying(SimError.class, e -> assertThat(e.status()).isEqualTo(400));
    }
}
