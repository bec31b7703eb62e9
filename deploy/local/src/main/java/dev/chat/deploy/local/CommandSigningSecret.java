package dev.chat.deploy.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The secret gateways sign their commands with and services verify them by ({@code chat.command-signing.secrets}):
 * 32 random bytes, base64, made once per data folder; in a cluster it comes from a Secret instead.
 */
final class CommandSigningSecret {

    private CommandSigningSecret() {
    }

    static String loadOrCreate(Path directory) throws IOException {
        Path file = directory.resolve("command-signing.secret");
        if (Files.exists(file)) {
            return Files.readString(file).trim();
        }
        Files.createDirectories(directory);
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        String encoded = Base64.getEncoder().encodeToString(secret);
        Files.writeString(file, encoded + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return encoded;
    }
}
