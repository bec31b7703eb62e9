// Message sync: the messages of opened rooms (the newest page, older pages by scrolling back, holes and the
// tail filled from history), live and resumed messages counted once, and read markers.
//
// Logs are keyed by seq, so a message that arrives twice (history and live, resume and live) shows once; a
// message at or below a room's lastSeq changes no count (see logic/unread.js).

import { ApiError } from '../api.js';
import { nextHistoryFetch } from '../logic/sync.js';
import { applyReadElsewhere, countLiveMessage, markAllRead, noteHistoryMessage } from '../logic/unread.js';
import { isTransient, withRetries } from './retry.js';

const PAGE_SIZE = 50;
/** Live frames may briefly arrive out of order (an ack before the message before it): wait before fetching a gap. */
const GAP_GRACE_MS = 800;
/** A gap that could not be fetched (a transient error) is tried again after this long. */
const GAP_RETRY_MS = 2000;

export class MessageSync {
  #ctx;
  #gapTimers = new Map();
  #gapFilling = new Set();
  /** True from sending `resume` until `resumed` (or its error, or a drop): the server is sending what was missed. */
  resuming = false;

  /** @param ctx the client's parts: {api, store, socket, report, rooms, outbox, typing} */
  constructor(ctx) {
    this.#ctx = ctx;
  }

  stop() {
    for (const timer of this.#gapTimers.values()) {
      clearTimeout(timer);
    }
  }

  forgetRoom(roomId) {
    clearTimeout(this.#gapTimers.get(roomId));
    this.#gapTimers.delete(roomId);
  }

  /** Loads what an opened room's log needs: the newest page on first visit (or after a failed one), else its gaps. */
  load(roomId) {
    const log = this.#ctx.store.log(roomId);
    if (!log.loaded && !log.loading) {
      this.#loadLatest(roomId);
    } else if (log.loaded) {
      this.fillGaps(roomId);
    }
  }

  async #loadLatest(roomId) {
    const { store, api } = this.#ctx;
    const log = store.log(roomId);
    log.loading = true;
    log.error = null;
    try {
      const page = await withRetries(() => api.history(roomId, { limit: PAGE_SIZE }), {
        stillWanted: () => store.logs.get(roomId) === log,
      });
      page.messages.forEach((m) => this.#acceptHistory(m));
      log.hasMoreBefore = page.hasMore;
      log.loaded = true;
    } catch (error) {
      log.error = error instanceof ApiError ? error.friendly : 'The messages could not be loaded.';
    } finally {
      log.loading = false;
      store.emit('messages', { roomId });
    }
    if (log.loaded) {
      await this.fillGaps(roomId);
    }
  }

  /** The page before the oldest message on screen (infinite scroll back through history, by seq). */
  async loadOlder(roomId) {
    const { store, api } = this.#ctx;
    const log = store.logs.get(roomId);
    if (!log?.loaded || log.loadingOlder || !log.hasMoreBefore || log.minSeq === null) {
      return;
    }
    log.loadingOlder = true;
    store.emit('messages', { roomId });
    try {
      const page = await api.history(roomId, { beforeSeq: log.minSeq, limit: PAGE_SIZE });
      page.messages.forEach((m) => this.#acceptHistory(m));
      log.hasMoreBefore = page.hasMore && page.messages.length > 0;
    } catch (error) {
      this.#ctx.report(error);
    } finally {
      log.loadingOlder = false;
      store.emit('messages', { roomId, older: true });
    }
  }

  /** Fetches any hole in an opened room's log, and its tail up to the room's lastSeq, from history. */
  async fillGaps(roomId) {
    const { store, api } = this.#ctx;
    if (this.#gapFilling.has(roomId)) {
      return;
    }
    this.#gapFilling.add(roomId);
    try {
      for (;;) {
        const log = store.logs.get(roomId);
        const room = store.rooms.get(roomId);
        if (!log?.loaded || !room || room.closing) {
          return;
        }
        const next = nextHistoryFetch(log, room.lastSeq, { resuming: this.resuming });
        if (!next) {
          return;
        }
        const page = await api.history(roomId, { afterSeq: next.afterSeq, limit: next.limit });
        page.messages.forEach((m) => this.#acceptHistory(m));
        store.emit('messages', { roomId });
        if (page.messages.length === 0) {
          return;
        }
      }
    } catch (error) {
      if (isTransient(error)) {
        // Gaps must not stay: try again shortly, quietly.
        this.#gapTimers.set(roomId, setTimeout(() => {
          this.#gapTimers.delete(roomId);
          this.fillGaps(roomId);
        }, GAP_RETRY_MS));
      } else if (!(error instanceof ApiError && (error.status === 403 || error.status === 404))) {
        this.#ctx.report(error);
      }
    } finally {
      this.#gapFilling.delete(roomId);
    }
  }

  /** After `resumed`: whatever the resume did not bring is fetched from history. */
  resumed() {
    this.resuming = false;
    for (const roomId of this.#ctx.store.logs.keys()) {
      this.fillGaps(roomId);
    }
  }

  #scheduleGapCheck(roomId) {
    if (!this.#ctx.store.logs.get(roomId)?.loaded || this.#gapTimers.has(roomId)) {
      return;
    }
    this.#gapTimers.set(roomId, setTimeout(() => {
      this.#gapTimers.delete(roomId);
      if (!this.resuming) {
        this.fillGaps(roomId);
      }
    }, GAP_GRACE_MS));
  }

  /** A message from history: shown, never counted as unread (the list's count already holds it, or it is on screen). */
  #acceptHistory(message) {
    const { store, outbox } = this.#ctx;
    const room = store.rooms.get(message.roomId);
    const log = store.logs.get(message.roomId);
    if (!room || !log) {
      return;
    }
    store.noteUser(message.sender?.id, message.sender?.username);
    log.insert(message);
    outbox.settle(log, message);
    noteHistoryMessage(room, message);
  }

  /** A live (or resumed) message: shown if its room is open, counted once. */
  accept(message, live) {
    const { store, outbox, typing } = this.#ctx;
    const room = store.rooms.get(message.roomId);
    if (!room) {
      return;
    }
    store.noteUser(message.sender?.id, message.sender?.username);
    const log = store.logs.get(message.roomId);
    if (log) {
      log.insert(message);
      outbox.settle(log, message);
    }
    countLiveMessage(room, message, store.me.id);
    typing.ended(message.roomId, message.sender?.id);
    if (log) {
      store.emit('messages', { roomId: message.roomId });
      if (live && !this.resuming) {
        this.#scheduleGapCheck(message.roomId);
      }
    }
    store.emit('rooms');
  }

  /**
   * A `message.edited` or `message.deleted`: the held message changes in place. A seq not held is left to its history
   * page, which brings its current state; the room list's preview and counts follow from the server.
   */
  onChanged(frame) {
    const { store, rooms } = this.#ctx;
    const log = store.logs.get(frame.roomId);
    const patch = frame.type === 'message.deleted' ? { deleted: true } : { text: frame.text, editedAt: frame.editedAt };
    if (log && log.change(frame.seq, patch)) {
      store.emit('messages', { roomId: frame.roomId });
    }
    const room = store.rooms.get(frame.roomId);
    if (room && (room.lastSeq === frame.seq || frame.type === 'message.deleted')) {
      rooms.loadSoon();
    }
  }

  /** Moves the read marker to the newest message of a room that is on screen. */
  markRead(roomId) {
    const { store, socket, api } = this.#ctx;
    const room = store.rooms.get(roomId);
    if (!room) {
      return;
    }
    const seq = markAllRead(room);
    if (seq === null) {
      return;
    }
    store.emit('rooms');
    if (seq > 0 && !socket.send({ type: 'read', roomId, seq })) {
      api.markRead(roomId, seq).catch(() => {
        // The marker moves with the next read; a lost one only means a badge the server still counts.
      });
    }
  }

  /** A `read` frame: read on another of one's own connections (another tab, a phone) clears the badge here too. */
  onRead(frame) {
    const { store, rooms } = this.#ctx;
    if (frame.userId !== store.me.id) {
      return;
    }
    const room = store.rooms.get(frame.roomId);
    if (!room) {
      return;
    }
    const outcome = applyReadElsewhere(room, frame.seq, store.logs.get(frame.roomId), store.me.id);
    if (outcome === 'unchanged') {
      return;
    }
    if (outcome === 'unknown') {
      rooms.loadSoon();
    }
    store.emit('rooms');
  }
}
