// The messages of one room that the client holds, merged by seq: each seq once, in order, whatever order and
// however often they arrive (history pages, live frames, resume). Pure: no DOM, no browser globals.

/** The messages of one room that the client holds: a window of seqs, gapless once loaded, plus pending sends. */
export class RoomLog {
  #seqs = [];
  #bySeq = new Map();
  /** clientMsgId -> {clientMsgId, roomId, text, status: 'pending'|'failed', error, createdAt} */
  pending = new Map();
  hasMoreBefore = true;
  loaded = false;
  loadingOlder = false;

  get minSeq() {
    return this.#seqs.length ? this.#seqs[0] : null;
  }

  get maxSeq() {
    return this.#seqs.length ? this.#seqs[this.#seqs.length - 1] : null;
  }

  get size() {
    return this.#seqs.length;
  }

  has(seq) {
    return this.#bySeq.has(seq);
  }

  /**
   * Adds a message unless its seq is already there; true if added. A copy of a held seq replaces it only if it is a
   * later state of the message (deleted since, or edited since): a history page read after an edit brings the new text.
   */
  insert(message) {
    const seq = message.seq;
    if (!Number.isInteger(seq)) {
      return false;
    }
    if (this.#bySeq.has(seq)) {
      if (isLaterState(message, this.#bySeq.get(seq))) {
        this.#bySeq.set(seq, message);
      }
      return false;
    }
    this.#bySeq.set(seq, message);
    const seqs = this.#seqs;
    if (seqs.length === 0 || seq > seqs[seqs.length - 1]) {
      seqs.push(seq);
    } else {
      let low = 0;
      let high = seqs.length;
      while (low < high) {
        const mid = (low + high) >>> 1;
        if (seqs[mid] < seq) {
          low = mid + 1;
        } else {
          high = mid;
        }
      }
      seqs.splice(low, 0, seq);
    }
    return true;
  }

  /**
   * Applies a `message.edited` ({text, editedAt}) or `message.deleted` ({deleted: true}) to a held seq; false if the seq
   * is not held (its history page will bring the current state). A deleted message stays deleted.
   */
  change(seq, patch) {
    const held = this.#bySeq.get(seq);
    if (!held) {
      return false;
    }
    if (patch.deleted) {
      const { text, editedAt, ...rest } = held;
      this.#bySeq.set(seq, { ...rest, deleted: true });
    } else if (!held.deleted) {
      this.#bySeq.set(seq, { ...held, text: patch.text, editedAt: patch.editedAt });
    }
    return true;
  }

  /** The newest message of `userId` in the window that can still be edited (not deleted, not a system line); null if none. */
  lastEditableOf(userId) {
    for (let i = this.#seqs.length - 1; i >= 0; i -= 1) {
      const message = this.#bySeq.get(this.#seqs[i]);
      if (message.sender?.id === userId && !message.deleted && message.kind !== 'system') {
        return message;
      }
    }
    return null;
  }

  messages() {
    return this.#seqs.map((seq) => this.#bySeq.get(seq));
  }

  /** The first hole in the window, as the seqs either side of it; null if the window is gapless. */
  firstGap() {
    const seqs = this.#seqs;
    for (let i = 0; i + 1 < seqs.length; i += 1) {
      if (seqs[i + 1] - seqs[i] > 1) {
        return { after: seqs[i], before: seqs[i + 1] };
      }
    }
    return null;
  }

  /** Messages of others after `seq`, for unread counts (null if the window does not reach back that far). */
  countOthersAfter(seq, myId) {
    if (this.minSeq === null || this.minSeq > seq + 1) {
      return null;
    }
    let count = 0;
    for (const s of this.#seqs) {
      if (s > seq && this.#bySeq.get(s).sender?.id !== myId) {
        count += 1;
      }
    }
    return count;
  }
}

/** Whether `incoming` is a later state of the same message than `held`: deleted since, or edited since. */
function isLaterState(incoming, held) {
  if (held.deleted) {
    return false;
  }
  if (incoming.deleted) {
    return true;
  }
  return Boolean(incoming.editedAt) && (!held.editedAt || incoming.editedAt > held.editedAt);
}
