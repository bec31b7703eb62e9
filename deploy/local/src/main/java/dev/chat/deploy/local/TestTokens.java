package dev.chat.deploy.local;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * Hand-made JWTs for testing the gateway's checks: signed with the real private key (as user-service
 * would), or broken in the ways an attacker would try.
 */
public final class TestTokens {

    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private TestTokens() {
    }

    public static String claims(String userId, String username, String sessionId, Instant issuedAt, Instant expiresAt) {
        return "{\"iss\":\"chat-platform\",\"sub\":\"" + userId + "\",\"upn\":\"" + username + "\",\"groups\":[\"user\"],"
                + "\"jti\":\"" + UUID.randomUUID() + "\",\"sid\":\"" + sessionId + "\",\"iat\":" + issuedAt.getEpochSecond()
                + ",\"exp\":" + expiresAt.getEpochSecond() + "}";
    }

    public static String signed(Path privateKeyPem, String claims) throws Exception {
        String header = encode("{\"alg\":\"RS256\",\"typ\":\"JWT\"}");
        String payload = encode(claims);
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(privateKey(privateKeyPem));
        signature.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
        return header + "." + payload + "." + URL.encodeToString(signature.sign());
    }

    /** An unsigned token claiming {@code alg: none}. */
    public static String unsigned(String claims) {
        return encode("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + encode(claims) + ".";
    }

    /** The same signature over different claims, as if someone edited the payload. */
    public static String withClaimsReplaced(String token, String claims) {
        String[] parts = token.split("\\.");
        return parts[0] + "." + encode(claims) + "." + parts[2];
    }

    private static String encode(String json) {
        return URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static PrivateKey privateKey(Path pem) throws Exception {
        String base64 = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }
}
