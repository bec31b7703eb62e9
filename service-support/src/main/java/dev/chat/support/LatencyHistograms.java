package dev.chat.support;

import java.time.Duration;
import java.util.Set;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;

/**
 * Percentile histograms (Prometheus buckets, 1 ms to 10 s) for the timers that alerts read a p99 from: a command's time
 * from dispatch to its answer, by operation, in each service (deploy/README.md, "What to watch"). Other timers keep
 * count, sum and max only.
 */
@Singleton
public class LatencyHistograms {

    /** The timers that get buckets: user-, chat- and sketch-service's commands, chat-service's sends. */
    public static final Set<String> TIMERS =
            Set.of("chat.commands", "chat.users.commands", "sketch.commands", "chat.messages.send", "chat.messages.send.batch");

    @Produces
    @Singleton
    public MeterFilter latencyHistograms() {
        return filter(TIMERS);
    }

    /** A filter that gives the named timers buckets from 1 ms to 10 s. */
    public static MeterFilter filter(Set<String> timers) {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (id.getType() != Meter.Type.TIMER || !timers.contains(id.getName())) {
                    return config;
                }
                return DistributionStatisticConfig.builder()
                        .percentilesHistogram(true)
                        .minimumExpectedValue((double) Duration.ofMillis(1).toNanos())
                        .maximumExpectedValue((double) Duration.ofSeconds(10).toNanos())
                        .build()
                        .merge(config);
            }
        };
    }
}
