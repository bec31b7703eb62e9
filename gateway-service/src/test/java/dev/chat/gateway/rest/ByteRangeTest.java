package dev.chat.gateway.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import org.junit.jupiter.api.Test;

class ByteRangeTest {

    private static final String ETAG = "\"a-original\"";

    @Test
    void noHeaderOrAnotherUnitOrSeveralRangesServeTheWhole() {
        assertInstanceOf(ByteRange.Whole.class, ByteRange.of(null, null, ETAG, 100));
        assertInstanceOf(ByteRange.Whole.class, ByteRange.of("items=0-1", null, ETAG, 100));
        assertInstanceOf(ByteRange.Whole.class, ByteRange.of("bytes=0-1,5-6", null, ETAG, 100));
        assertInstanceOf(ByteRange.Whole.class, ByteRange.of("bytes=-", null, ETAG, 100));
        assertInstanceOf(ByteRange.Whole.class, ByteRange.of("bytes=9-3", null, ETAG, 100));
        assertInstanceOf(ByteRange.Whole.class, ByteRange.of("bytes=99999999999999999999-", null, ETAG, 100));
    }

    @Test
    void aRangeIsClippedToTheBody() {
        assertEquals(new ByteRange.Part(0, 9, 100), ByteRange.of("bytes=0-9", null, ETAG, 100));
        assertEquals(new ByteRange.Part(90, 99, 100), ByteRange.of("bytes=90-500", null, ETAG, 100));
        assertEquals(new ByteRange.Part(50, 99, 100), ByteRange.of("bytes=50-", null, ETAG, 100));
        assertEquals("bytes 50-99/100", ((ByteRange.Part) ByteRange.of("bytes=50-", null, ETAG, 100)).contentRange());
        assertEquals(50, ((ByteRange.Part) ByteRange.of("bytes=50-", null, ETAG, 100)).size());
    }

    @Test
    void aSuffixRangeCountsFromTheEnd() {
        assertEquals(new ByteRange.Part(80, 99, 100), ByteRange.of("bytes=-20", null, ETAG, 100));
        assertEquals(new ByteRange.Part(0, 99, 100), ByteRange.of("bytes=-500", null, ETAG, 100));
    }

    @Test
    void aRangePastTheEndIsUnsatisfiable() {
        ByteRange range = ByteRange.of("bytes=100-", null, ETAG, 100);
        assertEquals(new ByteRange.Unsatisfiable(100), range);
        assertEquals("bytes */100", ((ByteRange.Unsatisfiable) range).contentRange());
        assertInstanceOf(ByteRange.Unsatisfiable.class, ByteRange.of("bytes=-0", null, ETAG, 100));
    }

    @Test
    void ifRangeOfAnotherVersionServesTheWhole() {
        assertInstanceOf(ByteRange.Whole.class, ByteRange.of("bytes=0-9", "\"other\"", ETAG, 100));
        assertEquals(new ByteRange.Part(0, 9, 100), ByteRange.of("bytes=0-9", ETAG, ETAG, 100));
    }
}
