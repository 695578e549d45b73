package org.hostr.provisioning.whm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UsernameRulesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "example.com, example",
            "www.Example.COM, example",
            "verylongdomainname.com, verylong",
            "my-shop.net, myshop",
            "123host.com, h123host",
            "42.org, h42org",
            "testsite.org, htestsit",
            "münchen.de, munchen",
            "xn--mnchen-3ya.de, munchen",
            "a.io, aiox",
            "ab.co, abco",
            "bassword.com, basswor",
            "root.com, root1",
            "example.com., example"})
    void derivesAUsernameFromTheDomain(String domain, String expected) {
        assertThat(UsernameRules.fromDomain(domain)).isEqualTo(expected);
    }

    @Test
    void nonLatinDomainFallsBackToItsPunycode() {
        // given a label with no Latin letters, whose punycode is xn--r8jz45g
        String name = UsernameRules.fromDomain("例え.jp");

        assertThat(name).isEqualTo("r8jz45g");
        assertThat(UsernameRules.isValid(name)).isTrue();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "shop, shop1",
            "shop1, shop2",
            "shop9, shop10",
            "example, example1",
            "example9, exampl10",
            "examp99, examp100",
            "h123host, h123hos1"})
    void nextCandidateCountsUpInTheTail(String taken, String next) {
        assertThat(UsernameRules.next(taken)).isEqualTo(next);
    }

    @Test
    void collisionSequenceStaysValidShortAndDistinct() {
        // given a long derived name, when it collides again and again
        Set<String> seen = new HashSet<>();
        String name = UsernameRules.fromDomain("verylongdomainname.com");
        for (int i = 0; i < 5000; i++) {
            // then every candidate is valid, within the 8-character database prefix, and new
            assertThat(UsernameRules.isValid(name)).as(name).isTrue();
            assertThat(name).hasSizeLessThanOrEqualTo(UsernameRules.PREFIX_LENGTH);
            assertThat(seen.add(name)).as(name).isTrue();
            name = UsernameRules.next(name);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"1shop", "testing", "mypassword", "abcdefghijklmnopq", "Shop", "my-shop", "", "root",
            "apache", "admin", "abuse"})
    void rejectsInvalidNames(String name) {
        assertThat(UsernameRules.isValid(name)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"shop", "a", "shop2026", "abcdefghijklmnop", "atest", "passwords"})
    void acceptsValidNames(String name) {
        assertThat(UsernameRules.isValid(name)).isTrue();
    }
}
