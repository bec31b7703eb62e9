// Message sync: the log of each opened room and what keeps it whole: the newest page, older pages by scrolling back,
// a window around one message (a search result), holes and the tail filled from history, live and resumed messages
// counted once, and the re-read after a reconnect.
//
// Logs are keyed by seq, so a message that arrives twice (history and live, resume and live) shows once; a
// message at or below a room's lastSeq changes no count (see logic/unread.js).
//
// After a reconnect the open room's window is read again from history once (a resume replays only new messages, not
// the edits, deletions and reactions made meanwhile to the ones on screen). Other rooms' logs keep what they hold.

import { ApiError } from '../api.js';
import { jumpRequests, madeNoProgress, nextHistoryFetch, rereadRequests } from '../logic/sync.js';
import { applyMessageChange, countLiveMessage, noteHistoryMessage } from '../logic/unread.js';
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
  /** Set by a reconnect that sent `resume`: the open room is read again once `resumed` (or the resume's error) comes. */
  #rereadAfterResume = false;
  /** The message the open room's log shows mid-screen when scrolled up ({roomId, seq}), for which part to read again. */
  #onScreen = null;

  /** @param ctx the client's parts: {api, store, report, outbox, typing} */
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

  /** Whether a page asked for with `log` at `epoch` still belongs on screen: the same log, showing the same window. */
  #current(roomId, log, epoch) {
    return this.#ctx.store.logs.get(roomId) === log && log.epoch === epoch;
  }

  async #loadLatest(roomId) {
    const { store, api } = this.#ctx;
    const log = store.log(roomId);
    const { epoch } = log;
    log.loading = true;
    log.error = null;
    try {
      const page = await withRetries(() => api.history(roomId, { limit: PAGE_SIZE }), {
        stillWanted: () => this.#current(roomId, log, epoch),
      });
      if (!this.#current(roomId, log, epoch)) {
        return;
      }
      page.messages.forEach((m) => this.#acceptHistory(log, m));
      log.noteTop(page);
      log.loaded = true;
    } catch (error) {
      if (this.#current(roomId, log, epoch)) {
        log.error = error instanceof ApiError ? error.friendly : 'The messages could not be loaded.';
      }
    } finally {
      if (log.epoch === epoch) {
        log.loading = false;
        store.emit('messages', { roomId });
      }
    }
    if (log.loaded && this.#current(roomId, log, epoch)) {
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
    const { epoch } = log;
    log.loadingOlder = true;
    store.emit('messages', { roomId });
    try {
      const page = await api.history(roomId, { beforeSeq: log.minSeq, limit: PAGE_SIZE });
      if (this.#current(roomId, log, epoch)) {
        page.messages.forEach((m) => this.#acceptHistory(log, m));
        log.noteTop(page);
      }
    } catch (error) {
      this.#ctx.report(error);
    } finally {
      if (log.epoch === epoch) {
        log.loadingOlder = false;
        store.emit('messages', { roomId, older: true });
      }
    }
  }

  /**
   * After a jump the window may stop short of the newest message: the page after its newest one (scrolling down). Once
   * a page reaches the end, the window is whole again and the tail is kept up to date as always.
   */
  async loadNewer(roomId) {
    const { store, api } = this.#ctx;
    const log = store.logs.get(roomId);
    if (!log?.loaded || !log.hasMoreAfter || log.loadingNewer || log.maxSeq === null) {
      return;
    }
    const { epoch } = log;
    log.loadingNewer = true;
    store.emit('messages', { roomId });
    try {
      const page = await api.history(roomId, { afterSeq: log.maxSeq, limit: PAGE_SIZE });
      if (this.#current(roomId, log, epoch)) {
        page.messages.forEach((m) => this.#acceptHistory(log, m));
        log.hasMoreAfter = Boolean(page.hasMore) && page.messages.length > 0;
      }
    } catch (error) {
      this.#ctx.report(error);
    } finally {
      if (log.epoch === epoch) {
        log.loadingNewer = false;
        store.emit('messages', { roomId, newer: true });
      }
    }
    if (this.#current(roomId, log, epoch) && !log.hasMoreAfter) {
      await this.fillGaps(roomId);
    }
  }

  /**
   * Shows a room's history around one message (a search result): the window is replaced by the page ending at `seq`
   * and the page after it; `log.focusSeq` asks the view to bring the message into view and mark it. Resolves true
   * once shown, false if the history could not be read (the newest page is shown instead).
   */
  async jumpTo(roomId, seq) {
    const { store, api } = this.#ctx;
    if (!store.rooms.has(roomId)) {
      return false;
    }
    const log = store.log(roomId);
    log.reset();
    const { epoch } = log;
    log.loading = true;
    store.emit('messages', { roomId });
    try {
      const [before, after] = await Promise.all(jumpRequests(seq).map((request) => withRetries(
        () => api.history(roomId, request), { stillWanted: () => this.#current(roomId, log, epoch) })));
      if (!this.#current(roomId, log, epoch)) {
        return false;
      }
      before.messages.forEach((m) => this.#acceptHistory(log, m));
      after.messages.forEach((m) => this.#acceptHistory(log, m));
      log.noteTop(before);
      log.hasMoreAfter = Boolean(after.hasMore) && after.messages.length > 0;
      log.focusSeq = seq;
      log.loaded = true;
      log.loading = false;
      store.emit('messages', { roomId, jumped: seq });
      await this.fillGaps(roomId);
      return true;
    } catch (error) {
      if (!this.#current(roomId, log, epoch)) {
        return false;
      }
      this.#ctx.report(error);
      log.loading = false;
      this.jumpToLatest(roomId);
      return false;
    }
  }

  /** Back to the newest page (the "Jump to latest" button, or a send while the window shows older messages). */
  jumpToLatest(roomId) {
    const log = this.#ctx.store.logs.get(roomId);
    if (!log) {
      return;
    }
    log.reset();
    this.#ctx.store.emit('messages', { roomId, latest: true });
    this.#loadLatest(roomId);
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
        const { epoch } = log;
        const page = await api.history(roomId, { afterSeq: next.afterSeq, limit: next.limit });
        if (!this.#current(roomId, log, epoch)) {
          // Another window (a jump): it fills its own gaps.
          continue;
        }
        const sizeBefore = log.size;
        page.messages.forEach((m) => this.#acceptHistory(log, m));
        if (Number.isInteger(page.evictedBefore) && page.evictedBefore > next.afterSeq + 1) {
          // Retention took the hole's messages: they will never come; the window starts after them.
          log.evictBefore(page.evictedBefore);
        }
        store.emit('messages', { roomId });
        if (madeNoProgress(sizeBefore, log.size, page) && nextHistoryFetch(log, room.lastSeq, { resuming: this.resuming })) {
          // The same question would get the same answer: stop rather than ask again and again.
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

  /**
   * After `resumed`: whatever the resume did not bring is fetched from history. A room in `evicted` ({roomId:
   * evictedBefore}) lost messages to retention that this client never saw: the seqs jump, and its log starts at the
   * lowest one kept, rather than ask history for messages that are gone.
   */
  resumed(frame = {}) {
    const { store } = this.#ctx;
    this.resuming = false;
    if (this.#rereadAfterResume) {
      this.#rereadAfterResume = false;
      this.rereadOpenRoom();
    }
    for (const [roomId, evictedBefore] of Object.entries(frame.evicted ?? {})) {
      this.evicted(roomId, evictedBefore);
    }
    for (const roomId of store.logs.keys()) {
      this.fillGaps(roomId);
    }
  }

  /**
   * Retention removed the room's messages below `evictedBefore` (a resume's `evicted`, or the live `room` frame with
   * event `evicted`): what the log holds below it goes, and its top says older messages were removed.
   */
  evicted(roomId, evictedBefore) {
    const { store } = this.#ctx;
    if (!Number.isInteger(evictedBefore)) {
      return;
    }
    const room = store.rooms.get(roomId);
    if (room) {
      room.evictedBefore = Math.max(room.evictedBefore ?? 0, evictedBefore);
    }
    const log = store.logs.get(roomId);
    if (log?.loaded) {
      log.evictBefore(evictedBefore);
      store.emit('messages', { roomId });
    }
  }

  /**
   * A reconnect's welcome: the open room is read again from history once the catch-up is done: when `resumed` comes
   * if a resume was sent (`resuming`), else now.
   */
  reconnected(resuming) {
    if (resuming) {
      this.#rereadAfterResume = true;
    } else {
      this.rereadOpenRoom();
    }
  }

  /** The resume was refused (an `error` with ref `resume`): nothing more comes from it, so history fills what it would have. */
  resumeFailed() {
    this.resuming = false;
    if (this.#rereadAfterResume) {
      this.#rereadAfterResume = false;
      this.rereadOpenRoom();
    }
    for (const roomId of this.#ctx.store.logs.keys()) {
      this.fillGaps(roomId);
    }
  }

  /** The connection dropped: the next welcome starts over. */
  dropped() {
    this.resuming = false;
    this.#rereadAfterResume = false;
  }

  /** The open room's log shows `seq` mid-screen (scrolled up), or its newest messages (`seq` null). */
  noteOnScreen(roomId, seq) {
    this.#onScreen = Number.isInteger(seq) ? { roomId, seq } : null;
  }

  /**
   * Reads the open room's window (at most REREAD_MAX messages: the ones around what is on screen) again from history
   * and takes each copy as the message's current state: edits, deletions and reaction counts made while the connection
   * was down show. Once per reconnect; a failure leaves the log as it was.
   */
  async rereadOpenRoom() {
    const { store, api } = this.#ctx;
    const roomId = store.activeRoomId;
    const log = roomId ? store.logs.get(roomId) : null;
    if (!log?.loaded || !store.rooms.has(roomId)) {
      return;
    }
    const anchorSeq = this.#onScreen?.roomId === roomId ? this.#onScreen.seq : null;
    const plan = rereadRequests(log, { anchorSeq });
    if (!plan) {
      return;
    }
    const { epoch } = log;
    const since = log.reactionMark;
    try {
      const pages = await Promise.all(plan.requests.map((request) => withRetries(() => api.history(roomId, request), {
        stillWanted: () => this.#current(roomId, log, epoch),
      })));
      if (!this.#current(roomId, log, epoch)) {
        return;
      }
      let changed = false;
      for (const copy of pages.flatMap((page) => page.messages ?? [])) {
        if (copy.seq < plan.from || copy.seq > plan.to) {
          continue;
        }
        if (!log.has(copy.seq)) {
          this.#acceptHistory(log, copy);
          changed = true;
        } else {
          const held = log.get(copy.seq);
          if (log.refresh(copy, since)) {
            changed = true;
            this.#followInRoomList(roomId, held, log.get(copy.seq));
          }
        }
      }
      if (changed) {
        store.emit('messages', { roomId });
      }
      // Read again after time away: retention may have removed what the window held, which is then dropped here too.
      const evictedBefore = Math.max(0, ...pages.map((page) => (Number.isInteger(page.evictedBefore) ? page.evictedBefore : 0)));
      if (evictedBefore > (log.minSeq ?? Infinity)) {
        this.evicted(roomId, evictedBefore);
      }
    } catch (error) {
      if (!isTransient(error) && !(error instanceof ApiError && (error.status === 403 || error.status === 404))) {
        this.#ctx.report(error);
      }
    }
  }

  /** A message read again was deleted or edited meanwhile: the room list's unread count and preview follow. */
  #followInRoomList(roomId, before, after) {
    const { store } = this.#ctx;
    const room = store.rooms.get(roomId);
    let frame = null;
    if (after.deleted && !before.deleted) {
      frame = { type: 'message.deleted', roomId, seq: after.seq };
    } else if (after.editedAt !== before.editedAt) {
      frame = { type: 'message.edited', roomId, seq: after.seq, text: after.text, editedAt: after.editedAt };
    }
    if (room && frame && applyMessageChange(room, frame, before, store.me.id)) {
      store.emit('rooms');
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
  #acceptHistory(log, message) {
    const { store, outbox } = this.#ctx;
    const room = store.rooms.get(message.roomId);
    if (!room) {
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
      // A window that stops short of the newest message (after a jump) takes it when scrolled down to it.
      if (!log.hasMoreAfter) {
        log.insert(message);
      }
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
}
