package dev.chat.contracts;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

class CommandSignatureTest {

    static final String OLD = Base64.getEncoder().encodeToString("an old secret of thirty-two bytes".getBytes());
    static final String NEW = Base64.getEncoder().encodeToString("a brand new secret, also long enough".getBytes());
    static final String COMMAND = "{\"op\":\"messages.send\",\"caller\":{\"userId\":\"u1\"},\"body\":{\"text\":\"hi\"}}";

    @Test
    void aSignedCommandVerifiesAndAnyChangeToItDoesNot() {
        CommandSignature signature = CommandSignature.fromSecrets(List.of(NEW));
        byte[] signed = signature.sign(COMMAND);
        assertTrue(signature.verifies(COMMAND, signed));
        assertFalse(signature.verifies(COMMAND.replace("u1", "u2"), signed), "another caller under the same signature");
        assertFalse(signature.verifies(COMMAND, null), "no signature header");
        assertFalse(signature.verifies(COMMAND, new byte[32]));
    }

    @Test
    void aSignatureUnderAnotherSecretIsRefused() {
        byte[] forged = CommandSignature.fromSecrets(List.of(OLD)).sign(COMMAND);
        assertFalse(CommandSignature.fromSecrets(List.of(NEW)).verifies(COMMAND, forged));
    }

    @Test
    void duringRotationTheFirstSecretSignsAndEitherVerifies() {
        CommandSignature rotating = CommandSignature.fromSecrets(List.of(NEW, OLD));
        assertTrue(rotating.verifies(COMMAND, CommandSignature.fromSecrets(List.of(OLD)).sign(COMMAND)), "a gateway not yet rotated");
        assertTrue(CommandSignature.fromSecrets(List.of(NEW)).verifies(COMMAND, rotating.sign(COMMAND)), "signed with the new one");
    }

    @Test
    void shortMissingOrMalformedSecretsAreRefusedAtStartup() {
        assertThrows(IllegalArgumentException.class, () -> CommandSignature.fromSecrets(List.of()));
        assertThrows(IllegalArgumentException.class,
                () -> CommandSignature.fromSecrets(List.of(Base64.getEncoder().encodeToString("too short".getBytes()))));
        assertThrows(IllegalArgumentException.class, () -> CommandSignature.fromSecrets(List.of("not base64 at all!")));
    }
}
