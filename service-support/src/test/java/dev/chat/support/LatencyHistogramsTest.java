package dev.chat.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;

class LatencyHistogramsTest {

    private final MeterFilter filter = LatencyHistograms.filter(Set.of("chat.commands"));

    private DistributionStatisticConfig configured(String name, Meter.Type type) {
        Meter.Id id = new Meter.Id(name, Tags.of("op", "messages.send"), null, null, type);
        return filter.configure(id, DistributionStatisticConfig.DEFAULT);
    }

    @Test
    void aNamedTimerGetsAHistogramFromOneMillisecondToTenSeconds() {
        DistributionStatisticConfig config = configured("chat.commands", Meter.Type.TIMER);
        assertTrue(config.isPercentileHistogram());
        assertEquals(Duration.ofMillis(1).toNanos(), config.getMinimumExpectedValueAsDouble());
        assertEquals(Duration.ofSeconds(10).toNanos(), config.getMaximumExpectedValueAsDouble());
    }

    @Test
    void otherTimersAndOtherMetersAreLeftAlone() {
        assertFalse(Boolean.TRUE.equals(configured("chat.messages.publish", Meter.Type.TIMER).isPercentileHistogram()));
        assertFalse(Boolean.TRUE.equals(configured("chat.commands", Meter.Type.COUNTER).isPercentileHistogram()));
    }
}
