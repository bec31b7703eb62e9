package dev.chat.contracts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.chat.contracts.ServiceRequest.Caller;

/**
 * A gateway's call to a service over HTTP, for what must not travel through Kafka (an attachment's bytes): who asks, for
 * what, the SHA-256 of the body it sends, and until when it may be answered. It travels as the {@link #HEADER} header
 * (its JSON, base64url) with {@link #SIGNATURE} (the HMAC of that JSON under the command signing secrets, base64url), so
 * a service believes the caller on the same terms as a signed command; past its deadline a captured request is refused.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InternalRequest(String op, Caller caller, String roomId, String attachmentId, String variant, String bodySha256,
        long deadline) {

    public static final String HEADER = "X-Chat-Request";
    public static final String SIGNATURE = "X-Chat-Signature";
    public static final String UPLOAD = "attachments.upload";
    public static final String READ = "attachments.read";

    /** The SHA-256 of a body, base64url without padding; of no body, of zero bytes. */
    public static String sha256(byte[] body) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** The header values of a request whose JSON is {@code json}: the request and its signature. */
    public static String[] headers(String json, CommandSignature signature) {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        return new String[] {base64.encodeToString(json.getBytes(StandardCharsets.UTF_8)), base64.encodeToString(signature.sign(json))};
    }
}
