package dev.chat.chat.repository;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * AWS Signature Version 4 in its header form ({@code Authorization: AWS4-HMAC-SHA256 ...}), written here rather than
 * taken from the AWS SDK: S3AttachmentStore needs a few dozen lines of it, not the SDK's blocking clients and their
 * dependencies. Pure: no I/O and no clock, so AWS's published vectors check it (SigV4SignerTest).
 *
 * <p>Paths are encoded once, as S3 wants; other AWS services encode them twice and normalise them, which this signer
 * does not do. The caller sends exactly the path it signs.
 */
public final class SigV4Signer {

    public static final String ALGORITHM = "AWS4-HMAC-SHA256";
    /** The SHA-256 of no bytes: the payload hash of a GET or DELETE. */
    public static final String EMPTY_PAYLOAD_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final HexFormat HEX = HexFormat.of();

    private final String accessKey;
    private final byte[] secretKey;
    private final String region;
    private final String service;

    public SigV4Signer(String accessKey, String secretKey, String region, String service) {
        this.accessKey = accessKey;
        this.secretKey = ("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8);
        this.region = region;
        this.service = service;
    }

    /**
     * Signs a request made at {@code at}.
     *
     * @param encodedPath the path as it goes on the wire, already encoded ({@link #encodePath})
     * @param query       parameters, unencoded (empty for none)
     * @param headers     every header to sign, names in any case, {@code host} among them; {@code x-amz-date} is
     *                    added from {@code at} and must be sent as {@link Signed#amzDate()}
     */
    public Signed sign(String method, String encodedPath, Map<String, String> query, Map<String, String> headers,
            String payloadSha256, Instant at) {
        String amzDate = AMZ_DATE.format(at);
        String date = amzDate.substring(0, 8);
        Map<String, String> canonicalHeaders = new TreeMap<>();
        headers.forEach((name, value) -> canonicalHeaders.put(name.toLowerCase(Locale.ROOT), value.strip().replaceAll("\\s+", " ")));
        canonicalHeaders.put("x-amz-date", amzDate);
        String signedHeaders = String.join(";", canonicalHeaders.keySet());
        StringBuilder canonical = new StringBuilder()
                .append(method).append('\n')
                .append(encodedPath).append('\n')
                .append(canonicalQuery(query)).append('\n');
        canonicalHeaders.forEach((name, value) -> canonical.append(name).append(':').append(value).append('\n'));
        canonical.append('\n').append(signedHeaders).append('\n').append(payloadSha256);
        String canonicalRequest = canonical.toString();

        String scope = date + "/" + region + "/" + service + "/aws4_request";
        String stringToSign = ALGORITHM + "\n" + amzDate + "\n" + scope + "\n"
                + sha256Hex(canonicalRequest.getBytes(StandardCharsets.UTF_8));
        byte[] key = hmac(hmac(hmac(hmac(secretKey, date), region), service), "aws4_request");
        String signature = HEX.formatHex(hmac(key, stringToSign));
        String authorization = ALGORITHM + " Credential=" + accessKey + "/" + scope + ", SignedHeaders=" + signedHeaders
                + ", Signature=" + signature;
        return new Signed(amzDate, authorization, canonicalRequest, stringToSign, signature);
    }

    /** The hex SHA-256 of {@code bytes}: {@code x-amz-content-sha256} of a payload. */
    public static String sha256Hex(byte[] bytes) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** A path encoded as SigV4 (and S3) wants it: every byte but the unreserved ones and {@code /} as {@code %XX}. */
    public static String encodePath(String path) {
        return encode(path, true);
    }

    private static String canonicalQuery(Map<String, String> query) {
        Map<String, String> sorted = new TreeMap<>();
        query.forEach((name, value) -> sorted.put(encode(name, false), encode(value, false)));
        List<String> pairs = new ArrayList<>();
        sorted.forEach((name, value) -> pairs.add(name + "=" + value));
        return String.join("&", pairs);
    }

    private static String encode(String text, boolean keepSlash) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            boolean unreserved = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
                    || c == '-' || c == '.' || c == '_' || c == '~';
            if (unreserved || keepSlash && c == '/') {
                encoded.append(c);
            } else {
                encoded.append('%').append(HEX.withUpperCase().toHexDigits(b));
            }
        }
        return encoded.toString();
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has HmacSHA256", e);
        }
    }

    /**
     * What to send: {@code x-amz-date} and {@code Authorization}; and the steps that led there, for tests. The secret
     * is in none of them.
     */
    public record Signed(String amzDate, String authorization, String canonicalRequest, String stringToSign, String signature) {
    }
}
