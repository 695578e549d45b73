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
    void orIsRefusedRatherThanGuessed() {
        assertThatThrownBy(() -> ODataFilter.parse("state eq 'PAID' or state eq 'UNPAID'", PROPS))
                .isInstanceOf(SimError.class).hasMessageContaining("'or'");
    }

    @Test
    void unknownPropertyIsRefused() {
        assertThatThrownBy(() -> ODataFilter.parse("amount gt 5", PROPS))
                .isInstanceOfSatisfying(SimError.class, e -> assertThat(e.status()).isEqualTo(400));
    }
}
