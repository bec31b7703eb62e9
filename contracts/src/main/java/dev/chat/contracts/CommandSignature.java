package dev.chat.contracts;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Who may put a command on a command topic: a gateway, which signs each record's value (the whole envelope: operation,
 * caller, body, deadline) with HMAC-SHA256 under a secret only gateways and services hold. A service verifies the
 * signature before it believes the caller, so a producer that can reach the broker but lacks the secret cannot act as
 * someone else; a replayed record is at most a duplicate until its deadline, after which services drop it.
 *
 * <p>Several secrets allow rotation: the first signs, any verifies. Roll a new secret out as second everywhere, then
 * make it first, then drop the old one.
 */
public final class CommandSignature {

    /** The Kafka header that carries the signature (raw HMAC bytes). */
    public static final String HEADER = "chat-signature";
    /** Fewer bytes than SHA-256's block of output would make the MAC easier to guess than the hash. */
    static final int MIN_SECRET_BYTES = 32;
    private static final String ALGORITHM = "HmacSHA256";

    private final List<SecretKeySpec> keys;
    /** Mac objects are not thread-safe; one set per thread. */
    private final ThreadLocal<List<Mac>> macs;

    private CommandSignature(List<SecretKeySpec> keys) {
        this.keys = List.copyOf(keys);
        this.macs = ThreadLocal.withInitial(this::newMacs);
    }

    /**
     * @param secrets base64 (standard or URL alphabet), each at least 32 bytes once decoded; the first signs
     * @throws IllegalArgumentException naming what is wrong, never the secret
     */
    public static CommandSignature fromSecrets(List<String> secrets) {
        if (secrets == null || secrets.isEmpty()) {
            throw new IllegalArgumentException("no command signing secret configured (COMMAND_SIGNING_SECRETS)");
        }
        List<SecretKeySpec> keys = new ArrayList<>(secrets.size());
        for (int i = 0; i < secrets.size(); i++) {
            byte[] bytes = decode(secrets.get(i).trim(), i);
            if (bytes.length < MIN_SECRET_BYTES) {
                throw new IllegalArgumentException("command signing secret #" + (i + 1) + " has " + bytes.length
                        + " bytes; at least " + MIN_SECRET_BYTES + " are needed");
            }
            keys.add(new SecretKeySpec(bytes, ALGORITHM));
        }
        return new CommandSignature(keys);
    }

    /** The signature of a record value, with the first secret. */
    public byte[] sign(String value) {
        return macs.get().get(0).doFinal(value.getBytes(StandardCharsets.UTF_8));
    }

    /** True if {@code signature} is the value's signature under any of the secrets; compared in constant time. */
    public boolean verifies(String value, byte[] signature) {
        if (value == null || signature == null) {
            return false;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        boolean matched = false;
        for (Mac mac : macs.get()) {
            // Every key is tried, so the time taken does not say which one matched.
            matched |= MessageDigest.isEqual(mac.doFinal(bytes), signature);
        }
        return matched;
    }

    private List<Mac> newMacs() {
        List<Mac> created = new ArrayList<>(keys.size());
        for (SecretKeySpec key : keys) {
            try {
                Mac mac = Mac.getInstance(ALGORITHM);
                mac.init(key);
                created.add(mac);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(ALGORITHM + " is not available", e);
            }
        }
        return created;
    }

    private static byte[] decode(String secret, int index) {
        try {
            return secret.indexOf('-') >= 0 || secret.indexOf('_') >= 0 ? Base64.getUrlDecoder().decode(secret)
                    : Base64.getDecoder().decode(secret);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("command signing secret #" + (index + 1) + " is not base64");
        }
    }
}
