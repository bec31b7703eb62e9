package dev.chat.e2e;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.WebSocketRoute;

/** Routes a page's WebSockets through Playwright, so a test can cut them and refuse new ones for a while. */
final class SocketSwitch {
    private final List<WebSocketRoute> open = new CopyOnWriteArrayList<>();
    private volatile boolean cut;
    private volatile int refused;

    void install(Page page) {
        page.routeWebSocket(Pattern.compile(".*/ws(\\?.*)?$"), socket -> {
            if (cut) {
                refused++;
                socket.close(new WebSocketRoute.CloseOptions().setCode(1011).setReason("cut off by the test"));
                return;
            }
            socket.connectToServer();
            open.add(socket);
        });
    }

    void cut() {
        cut = true;
        for (WebSocketRoute socket : open) {
            socket.close(new WebSocketRoute.CloseOptions().setCode(1011).setReason("cut off by the test"));
        }
        open.clear();
    }

    void restore() {
        cut = false;
    }

    int refused() {
        return refused;
    }
}
