// Changes to messages already sent: edits, deletions and reactions, one's own (asked of the server) and everyone's
// (their frames), applied to the held copies; the room list's unread count and preview follow.

import { applyMessageChange } from '../logic/unread.js';

export class MessageActions {
  #ctx;

  /** @param ctx the client's parts: {api, store, report} */
  constructor(ctx) {
    this.#ctx = ctx;
  }

  /**
   * Replaces the text of one's own message; resolves true once stored (every tab then gets message.edited), false if
   * refused (the reason is shown as a notice).
   */
  async edit(roomId, seq, text) {
    try {
      await this.#ctx.api.editMessage(roomId, seq, text);
      return true;
    } catch (error) {
      this.#ctx.report(error);
      return false;
    }
  }

  /** Deletes a message (one's own, or any in a room one owns); resolves true once done. */
  async delete(roomId, seq) {
    try {
      await this.#ctx.api.deleteMessage(roomId, seq);
      return true;
    } catch (error) {
      this.#ctx.report(error);
      return false;
    }
  }

  /**
   * A `message.edited` or `message.deleted`: the held message changes in place. A seq not held is left to its history
   * page, which brings its current state. The room list's unread count and preview follow here, without asking the
   * server (a reload per deletion would be one request per member connection).
   */
  onChanged(frame) {
    const { store } = this.#ctx;
    const log = store.logs.get(frame.roomId);
    const held = log?.get(frame.seq) ?? null;
    const patch = frame.type === 'message.deleted' ? { deleted: true } : { text: frame.text, editedAt: frame.editedAt };
    if (log && log.change(frame.seq, patch)) {
      store.emit('messages', { roomId: frame.roomId });
    }
    const room = store.rooms.get(frame.roomId);
    if (room && applyMessageChange(room, frame, held, store.me.id)) {
      store.emit('rooms');
    }
  }

  /** A `reaction` event: the held message's count for that emoji becomes the event's (and one's own mark, if it is one's). */
  onReaction(frame) {
    const { store } = this.#ctx;
    const log = store.logs.get(frame.roomId);
    if (log?.react(frame.seq, frame, store.me.id)) {
      store.emit('messages', { roomId: frame.roomId });
    }
  }

  /** Adds (`on`) or takes back one's reaction; resolves true once the server has it. */
  async react(roomId, seq, emoji, on) {
    const { store, api } = this.#ctx;
    try {
      const answer = on ? await api.addReaction(roomId, seq, emoji) : await api.removeReaction(roomId, seq, emoji);
      const log = store.logs.get(roomId);
      if (answer && log?.reactionAnswered(seq, { emoji, on: answer.on ?? on, count: answer.count }, store.me.id)) {
        store.emit('messages', { roomId });
      }
      return true;
    } catch (error) {
      this.#ctx.report(error);
      return false;
    }
  }
}
