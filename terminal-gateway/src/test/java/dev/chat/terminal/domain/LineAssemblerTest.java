package dev.chat.terminal.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class LineAssemblerTest {

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void linesEndAtLfWithOrWithoutCrAndMayComeInPieces() {
        LineAssembler assembler = new LineAssembler(100);
        assertEquals(List.of(), assembler.feed(bytes("hel")));
        assertEquals(List.of(new LineAssembler.Line("hello"), new LineAssembler.Line("wörld")), assembler.feed(bytes("lo\r\nwörld\n")));
        byte[] snowman = bytes("☃\n");
        assertEquals(List.of(), assembler.feed(new byte[] {snowman[0]}));
        assertEquals(List.of(new LineAssembler.Line("☃")), assembler.feed(new byte[] {snowman[1], snowman[2], snowman[3]}));
    }

    @Test
    void aLineOverTheLimitIsReportedOnceAndDroppedToItsEnd() {
        LineAssembler assembler = new LineAssembler(10);
        assertEquals(List.of(new LineAssembler.TooLong(10)), assembler.feed(bytes("x".repeat(25))));
        assertEquals(List.of(), assembler.feed(bytes("y".repeat(50))));
        assertEquals(List.of(new LineAssembler.Line("next")), assembler.feed(bytes("zz\nnext\n")));
        assertEquals(List.of(new LineAssembler.Line("0123456789")), assembler.feed(bytes("0123456789\n")), "the limit itself is fine");
    }

    @Test
    void telnetNegotiationIsTakenOut() {
        LineAssembler assembler = new LineAssembler(100);
        byte[] stream = {(byte) 0xFF, (byte) 0xFD, 0x03, 'h', 'i', (byte) 0xFF, (byte) 0xFA, 0x18, 0x00, 'x', 'y', (byte) 0xFF,
            (byte) 0xF0, '!', (byte) 0xFF, (byte) 0xF1, '\r', '\n'};
        assertEquals(List.of(new LineAssembler.Line("hi!")), assembler.feed(stream));
    }

    @Test
    void badUtf8IsReplacedNotFatal() {
        LineAssembler assembler = new LineAssembler(100);
        assertEquals(List.of(new LineAssembler.Line("a\uFFFDb")), assembler.feed(new byte[] {'a', (byte) 0xC3, 'b', '\n'}));
    }
}
