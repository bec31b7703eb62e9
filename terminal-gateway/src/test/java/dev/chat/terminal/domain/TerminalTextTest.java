package dev.chat.terminal.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TerminalTextTest {

    @Test
    void plainTextAndUnicodeStayAsTheyAre() {
        assertEquals("héllo wörld 👋 日本語", TerminalText.shown("héllo wörld 👋 日本語"));
    }

    @Test
    void escapeSequencesGoWhole() {
        assertEquals("red alert", TerminalText.shown("\u001b[31mred\u001b[0m alert"));
        assertEquals("cleared", TerminalText.shown("\u001b[2J\u001b[Hcleared"));
        assertEquals("up", TerminalText.shown("\u001b[1Aup"));
        assertEquals("title", TerminalText.shown("\u001b]0;owned\u0007title"));
        assertEquals("title", TerminalText.shown("\u001b]0;owned\u001b\\title"));
        assertEquals("x", TerminalText.shown("\u001bPq#0;2;0;0;0\u001b\\x"));
        assertEquals("reset", TerminalText.shown("\u001bcreset"));
        assertEquals("charset", TerminalText.shown("\u001b(0charset"));
        assertEquals("c1", TerminalText.shown("\u009b31mc1"));
        assertEquals("osc", TerminalText.shown("\u009d0;t\u009cosc"));
        assertEquals("", TerminalText.shown("\u001b[31"), "a sequence cut short goes too");
    }

    @Test
    void controlAndBidiCharactersGoAndWhitespaceBecomesSpaces() {
        assertEquals("ding", TerminalText.shown("\u0007ding\u0000"));
        assertEquals("back", TerminalText.shown("\u0008\u0008back\u007f"));
        assertEquals("a b c", TerminalText.shown("a\tb\nc"));
        assertEquals("evil.exe", TerminalText.shown("evil\u202e.exe"));
        assertEquals("ab", TerminalText.shown("a\u2066\u2069b\u2028"));
    }

    @Test
    void aTypedLineLosesItsArrowKeysAndSpaces() {
        assertEquals("hello", TerminalText.typed("  \u001b[Ahello\u001b[D  "));
        assertEquals("", TerminalText.shown(null));
    }
}
