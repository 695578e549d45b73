package org.hostr.nostr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class Nip98Test {
    private static final String URL = Fixtures.LOGIN_URL;
    private static final byte[] BODY = "{\"plan\":\"basic\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void nostrToolsLoginEventIsAccepted() {
        Nip98Result result = Nip98.check(Fixtures.E1, URL, "POST", Fixtures.JUST_AFTER, null);

        assertThat(result).isEqualTo(new Nip98Result.Accepted(Fixtures.E1));
    }

    @Test
    void headerFromAnEncodedEventIsAccepted() {
        Nip98Result result = Nip98.checkAuthorization(header(Fixtures.E1), URL, "POST", Fixtures.JUST_AFTER, null);

        assertThat(result.accepted()).isTrue();
    }

    @Test
    void requestWithBodyAndMatchingPayloadIsAccepted() {
        NostrEvent event = Fixtures.signedLogin(List.of(List.of("u", URL), List.of("method", "POST"),
                List.of("payload", Hex.encode(EventSerializer.sha256(BODY)))));

        assertThat(Nip98.check(event, URL, "POST", Fixtures.JUST_AFTER, BODY).accepted()).isTrue();
    }

    @Test
    void unreadableHeaderIsMalformed() {
        assertFailure(Nip98.checkAuthorization("Nostr not-base64!", URL, "POST", Fixtures.JUST_AFTER, null),
                Nip98Failure.MALFORMED);
    }

    @Test
    void repeatedUrlTagIsMalformed() {
        NostrEvent event = Fixtures.signedLogin(List.of(List.of("u", URL), List.of("u", "https://other.example"),
                List.of("method", "POST")));

        assertFailure(check(event), Nip98Failure.MALFORMED);
    }

    @Test
    void moreThanAHundredTagsIsMalformed() {
        List<List<String>> tags = new ArrayList<>(List.of(List.of("u", URL), List.of("method", "POST")));
        tags.addAll(Collections.nCopies(99, List.of("t", "x")));

        assertFailure(check(Fixtures.signedLogin(tags)), Nip98Failure.MALFORMED);
    }

    @Test
    void aTagValueOver4096CharactersIsMalformed() {
        NostrEvent event = Fixtures.signedLogin(List.of(List.of("u", URL), List.of("method", "POST"),
                List.of("t", "x".repeat(4097))));

        assertFailure(check(event), Nip98Failure.MALFORMED);
    }

    @Test
    void anotherKindIsWrongKind() {
        NostrEvent event = Fixtures.signed(22242, Fixtures.E1.tags(), "");

        assertFailure(check(event), Nip98Failure.WRONG_KIND);
    }

    @Test
    void anEventOlderThanSixtySecondsIsStale() {
        Instant now = Instant.ofEpochSecond(Fixtures.CREATED_AT + 61);

        assertFailure(Nip98.check(Fixtures.E1, URL, "POST", now, null), Nip98Failure.STALE);
    }

    @Test
    void anEventFromMoreThanSixtySecondsInTheFutureIsStale() {
        Instant now = Instant.ofEpochSecond(Fixtures.CREATED_AT - 61);

        assertFailure(Nip98.check(Fixtures.E1, URL, "POST", now, null), Nip98Failure.STALE);
    }

    @Test
    void exactlySixtySecondsIsStillFresh() {
        Instant now = Instant.ofEpochSecond(Fixtures.CREATED_AT + 60);

        assertThat(Nip98.check(Fixtures.E1, URL, "POST", now, null).accepted()).isTrue();
    }

    @Test
    void anotherUrlIsWrongUrl() {
        assertFailure(Nip98.check(Fixtures.E1, URL + "?next=/", "POST", Fixtures.JUST_AFTER, null),
                Nip98Failure.WRONG_URL);
    }

    @Test
    void aMissingUrlTagIsWrongUrl() {
        assertFailure(check(Fixtures.signedLogin(List.of(List.of("method", "POST")))), Nip98Failure.WRONG_URL);
    }

    @Test
    void anotherMethodIsWrongMethod() {
        assertFailure(Nip98.check(Fixtures.E1, URL, "GET", Fixtures.JUST_AFTER, null), Nip98Failure.WRONG_METHOD);
    }

    @Test
    void methodIsComparedIgnoringAsciiCaseOnly() {
        NostrEvent lower = Fixtures.signedLogin(List.of(List.of("u", URL), List.of("method", "post")));
        NostrEvent longS = Fixtures.signedLogin(List.of(List.of("u", URL), List.of("method", "po\u017ft")));

        assertThat(check(lower).accepted()).isTrue();
        assertFailure(check(longS), Nip98Failure.WRONG_METHOD);
    }

    @Test
    void aBodyWithoutPayloadTagIsBadPayload() {
        assertFailure(Nip98.check(Fixtures.E1, URL, "POST", Fixtures.JUST_AFTER, BODY), Nip98Failure.BAD_PAYLOAD);
    }

    @Test
    void aPayloadOfAnotherBodyIsBadPayload() {
        NostrEvent event = Fixtures.signedLogin(List.of(List.of("u", URL), List.of("method", "POST"),
                List.of("payload", Hex.encode(EventSerializer.sha256(new byte[0])))));

        assertFailure(Nip98.check(event, URL, "POST", Fixtures.JUST_AFTER, BODY), Nip98Failure.BAD_PAYLOAD);
    }

    @Test
    void alteredContentIsBadId() {
        assertFailure(check(Fixtures.withContent(Fixtures.E1, "hi")), Nip98Failure.BAD_ID);
    }

    @Test
    void aSignatureFromAnotherEventIsBadSignature() {
        NostrEvent other = Fixtures.signed(1, List.of(), "other");

        assertFailure(check(Fixtures.withSig(Fixtures.E1, other.sig())), Nip98Failure.BAD_SIGNATURE);
    }

    @Test
    void cheapChecksAreReportedBeforeTheSignature() {
        NostrEvent badSigAndStale = Fixtures.withSig(Fixtures.E1, "00".repeat(64));
        Instant later = Instant.ofEpochSecond(Fixtures.CREATED_AT + 3600);

        assertFailure(Nip98.check(badSigAndStale, URL, "POST", later, null), Nip98Failure.STALE);
    }

    @Test
    void tagValueReadsTheChallenge() throws Exception {
        assertThat(Nip98.tagValue(Fixtures.E1, "challenge")).contains(Fixtures.CHALLENGE);
        assertThat(Nip98.tagValue(Fixtures.E1, "payload")).isEmpty();
    }

    @Test
    void tagValueRefusesARepeatedChallenge() {
        NostrEvent event = Fixtures.withTags(Fixtures.E1, List.of(List.of("challenge", "a"), List.of("challenge", "b")));

        assertThatThrownBy(() -> Nip98.tagValue(event, "challenge")).isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("more than one \"challenge\"");
    }

    @Test
    void tagValueReturnsTheFirstOfRepeatableTags() throws Exception {
        NostrEvent event = Fixtures.withTags(Fixtures.E1, List.of(List.of("t", "a"), List.of("t", "b")));

        assertThat(Nip98.tagValue(event, "t")).contains("a");
    }

    @Test
    void tagValueRefusesATagWithoutValue() {
        NostrEvent event = Fixtures.withTags(Fixtures.E1, List.of(List.of("u")));

        assertThatThrownBy(() -> Nip98.tagValue(event, "u")).isInstanceOf(MalformedEventException.class);
    }

    @Test
    void failureCodesAreLowercaseNames() {
        assertThat(Nip98Failure.BAD_SIGNATURE.code()).isEqualTo("bad_signature");
        assertThat(Nip98Failure.WRONG_URL.code()).isEqualTo("wrong_url");
    }

    static String header(NostrEvent event) {
        byte[] json = event.toJson().getBytes(StandardCharsets.UTF_8);
        return "Nostr " + java.util.Base64.getEncoder().encodeToString(json);
    }

    private static Nip98Result check(NostrEvent event) {
        return Nip98.check(event, URL, "POST", Fixtures.JUST_AFTER, null);
    }

    private static void assertFailure(Nip98Result result, Nip98Failure expected) {
        assertThat(result).isInstanceOfSatisfying(Nip98Result.Rejected.class,
                rejected -> assertThat(rejected.failure()).isEqualTo(expected));
    }
}
