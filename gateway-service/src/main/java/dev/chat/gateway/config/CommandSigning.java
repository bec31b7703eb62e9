package dev.chat.gateway.config;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.chat.contracts.CommandSignature;

/**
 * The secrets this gateway signs its commands with ({@code chat.command-signing.secrets}, the same property every
 * service verifies with); outside {@link GatewayConfig} because the name is shared by all four services.
 */
@ApplicationScoped
public class CommandSigning {

    @Produces
    @Singleton
    CommandSignature commandSignature(@ConfigProperty(name = "chat.command-signing.secrets") List<String> secrets) {
        return CommandSignature.fromSecrets(secrets);
    }
}
