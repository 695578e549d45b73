package org.hostr.bench;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.hostr.nostr.EventSigner;
import org.hostr.nostr.EventTemplate;
import org.hostr.nostr.EventVerifier;
import org.hostr.nostr.Keys;
import org.hostr.nostr.NostrEvent;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Raw cost of checking a login event as the server does (id recomputed from the NIP-01 serialisation, BIP-340
 * signature verified): the baseline for bench/login.sh. Run through bench/verify.sh.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class VerifyBenchmark {
    private NostrEvent event;

    @Setup
    public void signOne() {
        event = EventSigner.sign(new EventTemplate(27235, List.of(List.of("u", "https://shop.example/api/v1/auth/login"),
                List.of("method", "POST"), List.of("challenge", "9f2c4e6a8b0d1f3e5a7c9b1d3f5e7a9c0b2d4f6e8a1c3e5b7d9f0a2c4e6b8d0f")),
                "", Instant.now().getEpochSecond()), Keys.generate().secretKey());
    }

    @Benchmark
    public Object verifyLoginEvent() {
        return EventVerifier.verify(event);
    }
}
