package dev.chat.terminal.domain;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A connection's bytes as lines of UTF-8 text, ended by LF (a CR before it dropped), at most {@code maxBytes} each: a
 * longer line is reported once as {@link TooLong} and the rest of it dropped up to its end, so a client streaming
 * without newlines holds at most that much memory. Telnet's option negotiation (IAC sequences, which telnet clients
 * send unasked) is taken out of the stream; nc sends none.
 */
public final class LineAssembler {

    /** What the bytes so far came to. */
    public sealed interface Piece {
    }

    /** A whole line, decoded (bad UTF-8 replaced), without its line end. */
    public record Line(String text) implements Piece {
    }

    /** A line longer than the limit, dropped. */
    public record TooLong(int maxBytes) implements Piece {
    }

    private static final int IAC = 0xFF;
    private static final int SB = 0xFA;
    private static final int SE = 0xF0;
    private static final int WILL = 0xFB;
    private static final int DONT = 0xFE;

    private enum Telnet { DATA, COMMAND, OPTION, SUBNEGOTIATION, SUBNEGOTIATION_IAC }

    private final int maxBytes;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private boolean dropping;
    private Telnet telnet = Telnet.DATA;

    public LineAssembler(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** Takes the next bytes of the connection; the lines (and refusals) they complete, in order. */
    public List<Piece> feed(byte[] bytes) {
        List<Piece> pieces = new ArrayList<>();
        for (byte value : bytes) {
            int b = value & 0xFF;
            if (!isData(b)) {
                continue;
            }
            if (b == '\n') {
                if (!dropping) {
                    pieces.add(new Line(decode()));
                }
                dropping = false;
                line.reset();
            } else if (!dropping) {
                line.write(b);
                if (line.size() > maxBytes) {
                    pieces.add(new TooLong(maxBytes));
                    dropping = true;
                    line.reset();
                }
            }
        }
        return pieces;
    }

    /** Whether {@code b} is text rather than part of a telnet command; moves through the telnet states. */
    private boolean isData(int b) {
        switch (telnet) {
            case DATA:
                if (b == IAC) {
                    telnet = Telnet.COMMAND;
                    return false;
                }
                return true;
            case COMMAND:
                if (b == IAC) {
                    // IAC IAC is a data byte 255, which no UTF-8 text holds: dropped.
                    telnet = Telnet.DATA;
                } else if (b == SB) {
                    telnet = Telnet.SUBNEGOTIATION;
                } else if (b >= WILL && b <= DONT) {
                    telnet = Telnet.OPTION;
                } else {
                    telnet = Telnet.DATA;
                }
                return false;
            case OPTION:
                telnet = Telnet.DATA;
                return false;
            case SUBNEGOTIATION:
                if (b == IAC) {
                    telnet = Telnet.SUBNEGOTIATION_IAC;
                }
                return false;
            default:
                telnet = b == SE ? Telnet.DATA : Telnet.SUBNEGOTIATION;
                return false;
        }
    }

    private String decode() {
        byte[] bytes = line.toByteArray();
        int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }
}
