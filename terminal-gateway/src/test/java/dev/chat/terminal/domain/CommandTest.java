package dev.chat.terminal.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class CommandTest {

    @Test
    void eachCommandReadsItsArguments() {
        assertEquals(new Command.Register("ann", "secret-pw", "ann@example.com"),
                Command.parse("/register ann secret-pw ann@example.com"));
        assertEquals(new Command.Login("ann", "secret-pw"), Command.parse("/LOGIN ann secret-pw"));
        assertEquals(new Command.Join("harbour", null), Command.parse("/join #harbour"));
        assertEquals(new Command.Join("vault", "open"), Command.parse("/join vault open"));
        assertEquals(new Command.Join("tea room", null), Command.parse("/join \"#tea room\""));
        assertEquals(new Command.Join("tea room", "kettle"), Command.parse("/join \"tea room\" kettle"));
        assertInstanceOf(Command.Invalid.class, Command.parse("/join \"tea room"));
        assertInstanceOf(Command.Invalid.class, Command.parse("/join tea room kettle"));
        assertEquals(new Command.Leave(), Command.parse("/leave"));
        assertEquals(new Command.Rooms(), Command.parse("/rooms"));
        assertEquals(new Command.Who(), Command.parse("/who"));
        assertEquals(new Command.History(50, null), Command.parse("/history"));
        assertEquals(new Command.History(7, null), Command.parse("/history 7"));
        assertEquals(new Command.History(Command.MAX_HISTORY, Instant.parse("2026-12-01T09:00:00Z")),
                Command.parse("/history since 2026-12-01T09:00:00Z"));
        assertEquals(new Command.Msg("bob", "hi there, bob"), Command.parse("/msg bob hi there, bob"));
        assertEquals(new Command.Quit(), Command.parse("/quit"));
        assertEquals(new Command.Say("hello all"), Command.parse("hello all"));
        assertEquals(new Command.Say("/shrug"), Command.parse("//shrug"));
        assertEquals(new Command.Nothing(), Command.parse("   "));
    }

    @Test
    void aMistakeSaysWhatWouldWork() {
        assertEquals(new Command.Invalid("usage: /login name password"), Command.parse("/login ann"));
        assertEquals(new Command.Invalid("usage: /msg user text"), Command.parse("/msg bob"));
        assertEquals("usage: /register name password email", ((Command.Invalid) Command.parse("/register a b")).reply());
        assertTrue(((Command.Invalid) Command.parse("/history 0")).reply().startsWith("/history shows 1 to 200"));
        assertTrue(((Command.Invalid) Command.parse("/history since yesterday")).reply().startsWith("not an ISO time: yesterday"));
        Command.Invalid unknown = assertInstanceOf(Command.Invalid.class, Command.parse("/dance now"));
        assertTrue(unknown.reply().startsWith("unknown command /dance; the commands: /register"), unknown.reply());
    }

    @Test
    void passwordsStayOutOfWhatALogWouldPrint() {
        assertFalse(Command.parse("/login ann s3cret-pw").toString().contains("s3cret"));
        assertFalse(Command.parse("/register ann s3cret-pw a@b.c").toString().contains("s3cret"));
        assertFalse(Command.parse("/join vault s3cret").toString().contains("s3cret"));
    }
}
