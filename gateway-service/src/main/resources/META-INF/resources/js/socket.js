// The WebSocket to /ws: one connection for all rooms, kept alive across drops.
//
// States: connecting (first attempt), online (welcome received), reconnecting (waiting out a backoff or
// trying again), offline (the browser says there is no network; we wait for it to come back).
// Frames are handed on as 'frame' events; what a reconnect must catch up on (resume) is the app's business.

import { reconnectDelay } from './logic/backoff.js';
import { SessionEnded } from './session.js';

/** Client frames keep the server's idle timer (10 minutes) from closing us; a ping is the cheapest one. */
const PING_EVERY_MS = 30_000;
/** A connection that shows no sign of life this long after a ping is treated as dead. */
const PONG_WITHIN_MS = 10_000;
/** The server closes with this when the session was logged out. */
const CLOSE_SIGNED_OUT = 4401;

export class ChatSocket extends EventTarget {
  #session;
  #probe;
  #ws = null;
  #welcomed = false;
  #stopped = false;
  #attempt = 0;
  #failuresBeforeWelcome = 0;
  #retryTimer = null;
  #pingTimer = null;
  #deadTimer = null;
  #lastFrameAt = 0;
  #onOnline = () => this.#wake();
  #onOffline = () => this.#goOffline();

  /**
   * @param session the signed-in session (access tokens)
   * @param probe an authenticated REST call made after repeated failed upgrades: a browser cannot see the 401
   *   of a refused upgrade, but the REST call can, and ends the session if the token is really dead
   */
  constructor(session, probe) {
    super();
    this.#session = session;
    this.#probe = probe;
    this.state = 'connecting';
    this.retryAt = null;
  }

  start() {
    window.addEventListener('online', this.#onOnline);
    window.addEventListener('offline', this.#onOffline);
    this.#connect();
  }

  stop() {
    this.#stopped = true;
    window.removeEventListener('online', this.#onOnline);
    window.removeEventListener('offline', this.#onOffline);
    clearTimeout(this.#retryTimer);
    this.#drop(1000, 'bye');
  }

  get online() {
    return this.#welcomed && this.#ws?.readyState === WebSocket.OPEN;
  }

  /** Sends a frame if the connection is up; false if it is not (the caller keeps it for later). */
  send(frame) {
    if (!this.online) {
      return false;
    }
    this.#ws.send(JSON.stringify(frame));
    return true;
  }

  /** Tries again now, e.g. when the person asks to. */
  reconnectNow() {
    if (!this.online && !this.#stopped) {
      this.#attempt = 0;
      clearTimeout(this.#retryTimer);
      this.#drop(4000, 'reconnect');
      this.#connect();
    }
  }

  async #connect() {
    if (this.#stopped || this.#ws) {
      return;
    }
    if (!navigator.onLine) {
      this.#setState('offline');
      return;
    }
    this.#setState(this.#attempt === 0 && this.#lastFrameAt === 0 ? 'connecting' : 'reconnecting');
    let token;
    try {
      if (this.#failuresBeforeWelcome >= 2) {
        await this.#probe();
      }
      token = await this.#session.accessToken(60_000);
    } catch (error) {
      if (error instanceof SessionEnded || error?.status === 401) {
        return;
      }
      this.#scheduleRetry();
      return;
    }
    if (this.#stopped || this.#ws) {
      return;
    }
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const ws = new WebSocket(`${scheme}//${location.host}/ws?access_token=${encodeURIComponent(token)}`);
    this.#ws = ws;
    this.#welcomed = false;
    ws.addEventListener('message', (event) => {
      if (ws === this.#ws) {
        this.#onMessage(event.data);
      }
    });
    ws.addEventListener('close', (event) => {
      if (ws === this.#ws) {
        this.#ws = null;
        this.#onClose(event.code);
      }
    });
  }

  #onMessage(data) {
    this.#lastFrameAt = Date.now();
    clearTimeout(this.#deadTimer);
    let frame;
    try {
      frame = JSON.parse(data);
    } catch {
      return;
    }
    if (frame.type === 'welcome') {
      this.#welcomed = true;
      this.#attempt = 0;
      this.#failuresBeforeWelcome = 0;
      this.#startPings();
      this.#setState('online');
    }
    if (frame.type !== 'pong') {
      this.dispatchEvent(new CustomEvent('frame', { detail: frame }));
    }
  }

  #onClose(code) {
    const wasWelcomed = this.#welcomed;
    this.#welcomed = false;
    this.#stopPings();
    if (this.#stopped) {
      return;
    }
    if (code === CLOSE_SIGNED_OUT) {
      this.#session.end('signed out');
      return;
    }
    if (!wasWelcomed) {
      this.#failuresBeforeWelcome += 1;
    }
    this.dispatchEvent(new CustomEvent('dropped'));
    if (!navigator.onLine) {
      this.#setState('offline');
      return;
    }
    this.#scheduleRetry();
  }

  /** Exponential backoff with jitter: after an outage, clients do not all come back in the same second. */
  #scheduleRetry() {
    if (this.#stopped) {
      return;
    }
    const delay = reconnectDelay(this.#attempt);
    this.#attempt += 1;
    this.retryAt = Date.now() + delay;
    clearTimeout(this.#retryTimer);
    this.#retryTimer = setTimeout(() => {
      this.retryAt = null;
      this.#connect();
    }, delay);
    this.#setState('reconnecting');
  }

  #wake() {
    if (!this.#stopped && !this.#ws) {
      this.#attempt = 0;
      clearTimeout(this.#retryTimer);
      this.retryAt = null;
      this.#connect();
    }
  }

  /** The browser lost the network: the socket is as good as dead, and waiting for its timeout only delays catching up. */
  #goOffline() {
    if (this.#stopped) {
      return;
    }
    clearTimeout(this.#retryTimer);
    this.retryAt = null;
    const hadSocket = this.#ws !== null;
    this.#drop(4000, 'offline');
    if (hadSocket) {
      this.dispatchEvent(new CustomEvent('dropped'));
    }
    this.#setState('offline');
  }

  /** Closes the current socket without waiting for its close event (which a dead network may never bring). */
  #drop(code, reason) {
    const ws = this.#ws;
    this.#ws = null;
    this.#welcomed = false;
    this.#stopPings();
    if (ws && (ws.readyState === WebSocket.OPEN || ws.readyState === WebSocket.CONNECTING)) {
      try {
        ws.close(code, reason);
      } catch {
        // already closing
      }
    }
  }

  #startPings() {
    this.#stopPings();
    this.#pingTimer = setInterval(() => {
      if (!this.online) {
        return;
      }
      const sentAt = Date.now();
      this.#ws.send('{"type":"ping"}');
      clearTimeout(this.#deadTimer);
      this.#deadTimer = setTimeout(() => {
        if (this.#lastFrameAt < sentAt) {
          this.#drop(4000, 'no pong');
          this.dispatchEvent(new CustomEvent('dropped'));
          this.#scheduleRetry();
        }
      }, PONG_WITHIN_MS);
    }, PING_EVERY_MS);
  }

  #stopPings() {
    clearInterval(this.#pingTimer);
    clearTimeout(this.#deadTimer);
  }

  #setState(state) {
    this.state = state;
    this.dispatchEvent(new CustomEvent('state', { detail: { state, retryAt: this.retryAt } }));
  }
}
