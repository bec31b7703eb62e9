package dev.chat.gateway.config;

import java.time.Duration;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;

/**
 * Percentile histograms (1 ms to 10 s) for the gateway's calls to the services, by service and operation: the
 * round trip a client waits for, which alerts read a p99 from (deploy/README.md, "What to watch"). The services'
 * twin is service-support's LatencyHistograms, which the gateway does not take (it would bring the PostgreSQL client).
 */
@Singleton
public class GatewayLatencyHistograms {

    static final String SERVICE_CALLS = "chat.gateway.service.calls";

    @Produces
    @Singleton
    public MeterFilter serviceCallHistograms() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (id.getType() != Meter.Type.TIMER || !SERVICE_CALLS.equals(id.getName())) {
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
