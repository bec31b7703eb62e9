// Typing notices: telling a room's other members that one is typing (throttled), and showing who else is.

import { expireTyping, TYPING_SHOWS_MS, typingWait } from '../logic/typing.js';

/** How often notices that ran out are taken off the screen. */
const SWEEP_EVERY_MS = 1000;

export class TypingNotices {
  #ctx;
  #sentAt = new Map();
  #timers = new Map();
  #sweepTimer = null;

  /** @param ctx the client's parts: {store, socket} */
  constructor(ctx) {
    this.#ctx = ctx;
  }

  start() {
    this.#sweepTimer = setInterval(() => this.#sweep(), SWEEP_EVERY_MS);
  }

  stop() {
    clearInterval(this.#sweepTimer);
    for (const timer of this.#timers.values()) {
      clearTimeout(timer);
    }
  }

  forgetRoom(roomId) {
    clearTimeout(this.#timers.get(roomId));
    this.#timers.delete(roomId);
  }

  /**
   * Tells the room's other members that one is typing, at most every few seconds. A keystroke inside that
   * window is not dropped but sent when it ends: right after one's message the others have just cleared the
   * indicator (a message ends typing), and someone who goes on typing must show up again.
   */
  typed(roomId) {
    if (this.#timers.has(roomId)) {
      return;
    }
    const wait = typingWait(this.#sentAt.get(roomId), Date.now());
    if (wait <= 0) {
      this.#send(roomId);
      return;
    }
    this.#timers.set(roomId, setTimeout(() => {
      this.#timers.delete(roomId);
      this.#send(roomId);
    }, wait));
  }

  #send(roomId) {
    if (this.#ctx.socket.send({ type: 'typing', roomId })) {
      this.#sentAt.set(roomId, Date.now());
    }
  }

  /** Sending ends typing; a notice still waiting would announce typing that is over. */
  cancel(roomId) {
    clearTimeout(this.#timers.get(roomId));
    this.#timers.delete(roomId);
  }

  /** A `typing` frame: someone else is typing in one of our rooms. */
  onFrame(frame) {
    const { store } = this.#ctx;
    if (frame.userId === store.me.id || !store.rooms.has(frame.roomId)) {
      return;
    }
    let entries = store.typing.get(frame.roomId);
    if (!entries) {
      entries = new Map();
      store.typing.set(frame.roomId, entries);
    }
    entries.set(frame.userId, { username: frame.username, until: Date.now() + TYPING_SHOWS_MS });
    store.emit('typing', { roomId: frame.roomId });
  }

  /** A message from someone ends their typing. */
  ended(roomId, userId) {
    const { store } = this.#ctx;
    if (store.typing.get(roomId)?.delete(userId)) {
      store.emit('typing', { roomId });
    }
  }

  #sweep() {
    const now = Date.now();
    for (const [roomId, entries] of this.#ctx.store.typing) {
      if (expireTyping(entries, now)) {
        this.#ctx.store.emit('typing', { roomId });
      }
    }
  }
}
