package dev.chat.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;

class TraceHeadersTest {

    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String SPAN = "00f067aa0ba902b7";

    private static Context remote(String spanId) {
        return Context.root().with(Span.wrap(SpanContext.create(TRACE, spanId, TraceFlags.getSampled(), TraceState.getDefault())));
    }

    @Test
    void aSpansContextCrossesARecordsHeaders() {
        RecordHeaders headers = new RecordHeaders();
        TraceHeaders.inject(remote(SPAN), headers);
        assertEquals("00-" + TRACE + "-" + SPAN + "-01", new String(headers.lastHeader("traceparent").value(), StandardCharsets.UTF_8));
        SpanContext extracted = Span.fromContext(TraceHeaders.extract(headers)).getSpanContext();
        assertTrue(extracted.isRemote());
        assertEquals(TRACE, extracted.getTraceId());
        assertEquals(SPAN, extracted.getSpanId());
    }

    @Test
    void aNewContextReplacesTheOldHeaderInsteadOfAddingASecond() {
        RecordHeaders headers = new RecordHeaders();
        TraceHeaders.inject(remote(SPAN), headers);
        TraceHeaders.inject(remote("1111111111111111"), headers);
        assertEquals(1, headers.toArray().length);
        assertEquals("1111111111111111", Span.fromContext(TraceHeaders.extract(headers)).getSpanContext().getSpanId());
    }

    @Test
    void noSpanWritesNothingAndNoHeaderReadsAsNoParent() {
        RecordHeaders headers = new RecordHeaders();
        TraceHeaders.inject(Context.root(), headers);
        assertNull(headers.lastHeader("traceparent"));
        assertFalse(Span.fromContext(TraceHeaders.extract(headers)).getSpanContext().isValid());
    }
}
