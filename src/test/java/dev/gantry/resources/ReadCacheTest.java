package dev.gantry.resources;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReadCacheTest {

    @Test void aRefreshCacheReadsEachKeyOnce() {
        ReadCache cache = ReadCache.fresh();
        AtomicInteger reads = new AtomicInteger();
        assertThat(cache.<Integer>get("a", reads::incrementAndGet)).isEqualTo(1);
        assertThat(cache.<Integer>get("a", reads::incrementAndGet)).isEqualTo(1);
        assertThat(cache.<Integer>get("b", reads::incrementAndGet)).isEqualTo(2);
        assertThat(cache.<Object>get("nothing", () -> { reads.incrementAndGet(); return null; })).isNull();
        assertThat(cache.<Object>get("nothing", () -> { reads.incrementAndGet(); return null; })).isNull();
        assertThat(reads).hasValue(3);
    }

    @Test void aFailedReadIsNotKeptSoARetryReadsAgain() {
        ReadCache cache = ReadCache.fresh();
        assertThatThrownBy(() -> cache.get("a", () -> { throw new IllegalStateException("throttled"); })).hasMessage("throttled");
        assertThat(cache.get("a", () -> "read")).isEqualTo("read");
    }

    @Test void stepsReadFreshAndEachRefreshHasItsOwnCache() {
        ResourceContext steps = new ResourceContext(null, null, "123456789012", null, SecretValues.none(), null);
        AtomicInteger reads = new AtomicInteger();
        steps.reads().get("a", reads::incrementAndGet);
        steps.reads().get("a", reads::incrementAndGet);
        assertThat(reads).hasValue(2);

        ResourceContext first = steps.withFreshReads(), second = steps.withFreshReads();
        first.reads().get("a", reads::incrementAndGet);
        first.reads().get("a", reads::incrementAndGet);
        second.reads().get("a", reads::incrementAndGet);
        assertThat(reads).hasValue(4);
        assertThat(steps.reads()).isSameAs(ReadCache.none());
    }
}
