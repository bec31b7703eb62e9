package dev.chat.terminal.tcp;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the terminal port listens: before that a Service would send connections nowhere. */
@Readiness
@ApplicationScoped
public class TerminalReadiness implements HealthCheck {

    private final TerminalServer server;

    public TerminalReadiness(TerminalServer server) {
        this.server = server;
    }

    @Override
    public HealthCheckResponse call() {
        boolean listening = server.isListening();
        return HealthCheckResponse.named("terminal-port").status(listening)
                .withData("connections", server.openConnections()).build();
    }
}
