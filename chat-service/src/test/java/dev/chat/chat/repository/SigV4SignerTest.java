package dev.chat.chat.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The signer against AWS's published examples: the Signature Version 4 test suite (credentials {@code AKIDEXAMPLE},
 * region us-east-1, service {@code service}, 2015-08-30T12:36:00Z; the header-signing files of the get-vanilla,
 * get-vanilla-query-order-key-case, get-unreserved and post-vanilla cases) and the S3 API reference's "GET Object"
 * example ({@code examplebucket}, {@code AKIAIOSFODNN7EXAMPLE}). Each step is compared: canonical request, string to
 * sign, signature and the Authorization header.
 */
class SigV4SignerTest {

    private static final Instant SUITE_TIME = Instant.parse("2015-08-30T12:36:00Z");
    private static final SigV4Signer SUITE = new SigV4Signer("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "us-east-1",
            "service");

    private static void assertSigned(SigV4Signer.Signed signed, String canonicalRequest, String stringToSign, String signature,
            String authorization) {
        assertEquals(canonicalRequest, signed.canonicalRequest());
        assertEquals(stringToSign, signed.stringToSign());
        assertEquals(signature, signed.signature());
        assertEquals(authorization, signed.authorization());
    }

    @Test
    void getVanilla() {
        SigV4Signer.Signed signed = SUITE.sign("GET", "/", Map.of(), Map.of("Host", "example.amazonaws.com"),
                SigV4Signer.EMPTY_PAYLOAD_SHA256, SUITE_TIME);
        assertEquals("20150830T123600Z", signed.amzDate());
        assertSigned(signed, """
                GET
                /

                host:example.amazonaws.com
                x-amz-date:20150830T123600Z

                host;x-amz-date
                e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855""", """
                AWS4-HMAC-SHA256
                20150830T123600Z
                20150830/us-east-1/service/aws4_request
                bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63""",
                "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31",
                "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, "
                        + "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
    }

    @Test
    void getVanillaQueryOrderKeyCase() {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("Param2", "value2");
        query.put("Param1", "value1");
        SigV4Signer.Signed signed = SUITE.sign("GET", "/", query, Map.of("Host", "example.amazonaws.com"),
                SigV4Signer.EMPTY_PAYLOAD_SHA256, SUITE_TIME);
        assertSigned(signed, """
                GET
                /
                Param1=value1&Param2=value2
                host:example.amazonaws.com
                x-amz-date:20150830T123600Z

                host;x-amz-date
                e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855""", """
                AWS4-HMAC-SHA256
                20150830T123600Z
                20150830/us-east-1/service/aws4_request
                816cd5b414d056048ba4f7c5386d6e0533120fb1fcfa93762cf0fc39e2cf19e0""",
                "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500",
                "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, "
                        + "Signature=b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500");
    }

    @Test
    void getUnreserved() {
        String path = "/-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        assertEquals(path, SigV4Signer.encodePath(path), "unreserved characters stay as they are");
        SigV4Signer.Signed signed = SUITE.sign("GET", SigV4Signer.encodePath(path), Map.of(), Map.of("Host", "example.amazonaws.com"),
                SigV4Signer.EMPTY_PAYLOAD_SHA256, SUITE_TIME);
        assertSigned(signed, """
                GET
                /-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz

                host:example.amazonaws.com
                x-amz-date:20150830T123600Z

                host;x-amz-date
                e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855""", """
                AWS4-HMAC-SHA256
                20150830T123600Z
                20150830/us-east-1/service/aws4_request
                6a968768eefaa713e2a6b16b589a8ea192661f098f37349f4e2c0082757446f9""",
                "07ef7494c76fa4850883e2b006601f940f8a34d404d0cfa977f52a65bbf5f24f",
                "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, "
                        + "Signature=07ef7494c76fa4850883e2b006601f940f8a34d404d0cfa977f52a65bbf5f24f");
    }

    @Test
    void postVanilla() {
        SigV4Signer.Signed signed = SUITE.sign("POST", "/", Map.of(), Map.of("Host", "example.amazonaws.com"),
                SigV4Signer.EMPTY_PAYLOAD_SHA256, SUITE_TIME);
        assertSigned(signed, """
                POST
                /

                host:example.amazonaws.com
                x-amz-date:20150830T123600Z

                host;x-amz-date
                e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855""", """
                AWS4-HMAC-SHA256
                20150830T123600Z
                20150830/us-east-1/service/aws4_request
                553f88c9e4d10fc9e109e2aeb65f030801b70c2f6468faca261d401ae622fc87""",
                "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b",
                "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, "
                        + "Signature=5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b");
    }

    @Test
    void s3GetObjectExample() {
        SigV4Signer s3 = new SigV4Signer("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "us-east-1", "s3");
        Map<String, String> headers = Map.of("Host", "examplebucket.s3.amazonaws.com", "Range", "bytes=0-9",
                "x-amz-content-sha256", SigV4Signer.EMPTY_PAYLOAD_SHA256);
        SigV4Signer.Signed signed = s3.sign("GET", "/test.txt", Map.of(), headers, SigV4Signer.EMPTY_PAYLOAD_SHA256,
                Instant.parse("2013-05-24T00:00:00Z"));
        assertEquals("20130524T000000Z", signed.amzDate());
        assertSigned(signed, """
                GET
                /test.txt

                host:examplebucket.s3.amazonaws.com
                range:bytes=0-9
                x-amz-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
                x-amz-date:20130524T000000Z

                host;range;x-amz-content-sha256;x-amz-date
                e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855""", """
                AWS4-HMAC-SHA256
                20130524T000000Z
                20130524/us-east-1/s3/aws4_request
                7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972""",
                "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41",
                "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, "
                        + "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, "
                        + "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
    }

    @Test
    void headerValuesAreTrimmedAndTheirInnerSpacesFolded() {
        SigV4Signer.Signed signed = SUITE.sign("GET", "/", Map.of(), Map.of("Host", "example.amazonaws.com", "My-Header1", "  a   b  "),
                SigV4Signer.EMPTY_PAYLOAD_SHA256, SUITE_TIME);
        assertEquals("GET\n/\n\nhost:example.amazonaws.com\nmy-header1:a b\nx-amz-date:20150830T123600Z\n\n"
                + "host;my-header1;x-amz-date\n" + SigV4Signer.EMPTY_PAYLOAD_SHA256, signed.canonicalRequest());
    }

    @Test
    void pathsAreEncodedOnceKeepingSlashesAndQueriesEncodeSlashesToo() {
        assertEquals("/attachments/a%20b/%C3%BC%24%2B", SigV4Signer.encodePath("/attachments/a b/ü$+"));
        SigV4Signer.Signed signed = SUITE.sign("GET", "/", Map.of("k/ey", "v al"), Map.of("Host", "example.amazonaws.com"),
                SigV4Signer.EMPTY_PAYLOAD_SHA256, SUITE_TIME);
        assertEquals("k%2Fey=v%20al", signed.canonicalRequest().split("\n")[2]);
    }

    @Test
    void payloadHashIsHexSha256() {
        assertEquals(SigV4Signer.EMPTY_PAYLOAD_SHA256, SigV4Signer.sha256Hex(new byte[0]));
        // SHA-256 of "abc", FIPS 180-2's example.
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                SigV4Signer.sha256Hex("abc".getBytes(StandardCharsets.UTF_8)));
    }
}
