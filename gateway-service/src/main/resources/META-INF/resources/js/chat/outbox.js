// Sending: a message shows at once as pending, turns to sent on its ack (or when it comes back in history or
// live), or to failed (with retry) on an error or no answer. Offline, it waits for the next welcome. A message with
// images carries their attachment ids, in every resend alike (logic/attachments.js sendFrame).

import { isSendable, messageText, sendFrame } from '../logic/attachments.js';
import { newClientMsgId, OVERLOAD_RETRIES, overloadRetryDelay, sendErrorText } from '../logic/messages.js';

/** A send with no ack this long after it went out has failed (the person may retry). */
const ACK_TIMEOUT_MS = 15_000;

export class Outbox {
  #ctx;

  /** @param ctx the client's parts: {store, socket, messages, typing} */
  constructor(ctx) {
    this.#ctx = ctx;
  }

  #allPending() {
    return [...this.#ctx.store.logs.values()].flatMap((log) => [...log.pending.values()]);
  }

  stop() {
    for (const pending of this.#allPending()) {
      clearTimeout(pending.timer);
    }
  }

  forgetRoom(roomId) {
    for (const pending of this.#ctx.store.logs.get(roomId)?.pending.values() ?? []) {
      clearTimeout(pending.timer);
    }
  }

  /**
   * Shows the message at once as pending; it turns to sent on ack, or failed (with retry) on error. `attachments` are
   * finished uploads ({attachmentId, contentType, size, width, height, thumbnail}), `files` their Files by attachmentId
   * (the pending message previews them locally).
   */
  send(roomId, text, { attachments = [], files = new Map() } = {}) {
    const { store, typing } = this.#ctx;
    if (!isSendable(text, attachments.length, store.limits) || !store.rooms.has(roomId)) {
      return false;
    }
    const pending = {
      clientMsgId: newClientMsgId(),
      roomId,
      text: messageText(text, attachments.length),
      attachments,
      files,
      status: 'pending',
      error: null,
      createdAt: new Date().toISOString(),
      timer: null,
    };
    typing.cancel(roomId);
    store.log(roomId).pending.set(pending.clientMsgId, pending);
    store.emit('messages', { roomId, sent: true });
    this.#transmit(pending);
    return true;
  }

  /** Sends a failed message again with the same clientMsgId: stored once, whatever happened before. */
  retry(roomId, clientMsgId) {
    const { store } = this.#ctx;
    const pending = store.logs.get(roomId)?.pending.get(clientMsgId);
    if (!pending) {
      return;
    }
    pending.status = 'pending';
    pending.error = null;
    pending.overloadRetries = 0;
    store.emit('messages', { roomId, sent: true });
    this.#transmit(pending);
  }

  #transmit(pending) {
    clearTimeout(pending.timer);
    // Offline: it stays pending and goes out after the next welcome.
    if (this.#ctx.socket.send(sendFrame(pending))) {
      pending.timer = setTimeout(() => this.#fail(pending, 'No answer from the server.'), ACK_TIMEOUT_MS);
    }
  }

  #fail(pending, reason) {
    clearTimeout(pending.timer);
    const log = this.#ctx.store.logs.get(pending.roomId);
    if (!log?.pending.has(pending.clientMsgId)) {
      return;
    }
    pending.status = 'failed';
    pending.error = reason;
    this.#ctx.store.emit('messages', { roomId: pending.roomId });
  }

  /** After a welcome: everything still pending goes out (again), with the same ids. */
  flush() {
    for (const pending of this.#allPending()) {
      if (pending.status === 'pending') {
        this.#transmit(pending);
      }
    }
  }

  /** The socket dropped: sends in flight get no ack on it; they go again, with the same ids, after the next welcome. */
  hold() {
    for (const pending of this.#allPending()) {
      clearTimeout(pending.timer);
    }
  }

  /** One's own message came back (ack, history or live): its pending send is done. */
  settle(log, message) {
    if (message.clientMsgId && message.sender?.id === this.#ctx.store.me.id) {
      const pending = log.pending.get(message.clientMsgId);
      if (pending) {
        clearTimeout(pending.timer);
        log.pending.delete(message.clientMsgId);
      }
    }
  }

  /** An `ack`: the pending send becomes the message it was stored as. */
  onAck(ack) {
    const { store, messages } = this.#ctx;
    const pending = store.logs.get(ack.roomId)?.pending.get(ack.clientMsgId);
    if (!pending) {
      return;
    }
    const { me } = store;
    const message = {
      type: 'message',
      id: ack.messageId,
      roomId: ack.roomId,
      seq: ack.seq,
      sender: { id: me.id, username: me.username },
      text: pending.text,
      kind: 'user',
      clientMsgId: ack.clientMsgId,
      createdAt: ack.createdAt,
    };
    if (pending.attachments?.length > 0) {
      message.attachments = pending.attachments;
    }
    messages.accept(message, true);
  }

  /**
   * An `error` frame about a send (its ref is the clientMsgId): that send failed; one shed as `overloaded` goes again
   * by itself after the wait the server asked for, a few times, before it shows as failed.
   */
  onError(frame) {
    for (const log of this.#ctx.store.logs.values()) {
      const pending = frame.ref ? log.pending.get(frame.ref) : null;
      if (pending) {
        if (frame.code === 'overloaded' && (pending.overloadRetries ?? 0) < OVERLOAD_RETRIES) {
          pending.overloadRetries = (pending.overloadRetries ?? 0) + 1;
          clearTimeout(pending.timer);
          pending.timer = setTimeout(() => {
            if (this.#ctx.store.logs.get(pending.roomId)?.pending.has(pending.clientMsgId)) {
              this.#transmit(pending);
            }
          }, overloadRetryDelay(frame.retryAfterMs));
          return;
        }
        this.#fail(pending, sendErrorText(frame.code, frame.message));
        return;
      }
    }
  }
}
