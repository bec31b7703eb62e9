package dev.chat.support;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.chat.contracts.CommandSignature;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;

/**
 * The service side of {@link CommandSignature}: a command record whose value a gateway did not sign is refused (the
 * service answers it as failed and does nothing), counted in {@code chat.commands.unsigned} and logged by topic only.
 * The secrets come from {@code chat.command-signing.secrets} ({@code COMMAND_SIGNING_SECRETS}); without them the
 * service does not start.
 */
@ApplicationScoped
public class SignedCommands {

    private final CommandSignature signature;
    private final Counter unsigned;

    @Inject
    public SignedCommands(@ConfigProperty(name = "chat.command-signing.secrets") List<String> secrets, MeterRegistry metrics) {
        this(CommandSignature.fromSecrets(secrets), metrics);
    }

    SignedCommands(CommandSignature signature, MeterRegistry metrics) {
        this.signature = signature;
        this.unsigned = metrics.counter("chat.commands.unsigned");
    }

    /** True if a gateway signed this record's value; otherwise counted and logged (never the value). */
    public boolean verify(String topic, String value, Headers headers) {
        Header header = headers == null ? null : headers.lastHeader(CommandSignature.HEADER);
        if (header != null && signature.verifies(value, header.value())) {
            return true;
        }
        unsigned.increment();
        Log.warnf("a command on %s was refused: %s", topic, header == null ? "it is not signed"
                : "its signature does not verify (a producer that is not a gateway, or a gateway with other secrets)");
        return false;
    }
}
