// The messages of one room that the client holds, merged by seq: each seq once, in order, whatever order and
// however often they arrive (history pages, live frames, resume). Pure: no DOM, no browser globals.

import { applyOwnReactionAnswer, applyReaction } from './reactions.js';

/**
 * The messages of one room that the client holds: a window of seqs, gapless once loaded, plus pending sends. The
 * window normally ends at the room's newest message; after a jump to an older one (a search result) it may end before
 * it (`hasMoreAfter`) until it is scrolled down to the end or replaced by the newest page.
 */
export class RoomLog {
  #seqs = [];
  #bySeq = new Map();
  /** seq -> the `reactionMark` its reactions last changed at, by a live event or one's own toggle. */
  #reactedAt = new Map();
  #reactions = 0;
  /** clientMsgId -> {clientMsgId, roomId, text, status: 'pending'|'failed', error, createdAt} */
  pending = new Map();
  hasMoreBefore = true;
  /** True while the window stops short of the room's newest message (after a jump): live messages then wait in history. */
  hasMoreAfter = false;
  /** The lowest seq the room still keeps, once retention removed older ones (null: nothing known to be removed). */
  evictedBefore = null;
  loaded = false;
  loadingOlder = false;
  loadingNewer = false;
  /** Counts the windows this log held: a page asked for before `reset` belongs to an old one and is dropped. */
  epoch = 0;

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
   * is not held (its history page will bring the current state). A deleted message stays deleted, and keeps
   * neither text nor attachments.
   */
  change(seq, patch) {
    const held = this.#bySeq.get(seq);
    if (!held) {
      return false;
    }
    if (patch.deleted) {
      const { text, editedAt, reactions, myReactions, attachments, ...rest } = held;
      this.#bySeq.set(seq, { ...rest, deleted: true });
    } else if (!held.deleted) {
      this.#bySeq.set(seq, { ...held, text: patch.text, editedAt: patch.editedAt });
    }
    return true;
  }

  /** A `reaction` event ({emoji, count, userId, on}) applied to a held message; false if it is not held. */
  react(seq, event, myId) {
    const held = this.#bySeq.get(seq);
    if (!held || held.deleted) {
      return false;
    }
    this.#bySeq.set(seq, applyReaction(held, event, myId));
    this.#noteReacted(seq);
    return true;
  }

  /** The answer to one's own reaction toggle (see applyOwnReactionAnswer); true if it changed the held message. */
  reactionAnswered(seq, answer, myId) {
    const held = this.#bySeq.get(seq);
    const next = held && !held.deleted ? applyOwnReactionAnswer(held, answer, myId) : null;
    if (next) {
      this.#bySeq.set(seq, next);
      this.#noteReacted(seq);
    }
    return next !== null;
  }

  #noteReacted(seq) {
    this.#reactions += 1;
    this.#reactedAt.set(seq, this.#reactions);
  }

  /** Counts the reaction changes applied so far: taken before a re-read, it tells `refresh` which ones came after. */
  get reactionMark() {
    return this.#reactions;
  }

  /**
   * A copy of a held message read again from history (after a reconnect: edits, deletions and reactions made while
   * offline are not replayed), taken as its current state: a deletion, a later edit, and the copy's reactions and
   * one's own. Reactions that changed here after `since` (a `reactionMark` taken before the request) are newer than
   * the copy and stay. Nothing goes back: a deleted message stays deleted, a newer edit stays. True if the held
   * message changed; false if it is not held or already is the copy.
   */
  refresh(copy, since) {
    const seq = copy?.seq;
    const held = this.#bySeq.get(seq);
    if (!held || held.deleted) {
      return false;
    }
    if (copy.deleted) {
      return this.change(seq, { deleted: true });
    }
    let next = held;
    if (isLaterState(copy, held)) {
      next = { ...next, text: copy.text, editedAt: copy.editedAt };
    }
    if ((this.#reactedAt.get(seq) ?? 0) <= since && !sameReactions(held, copy)) {
      next = withReactions(next, copy);
    }
    if (next === held) {
      return false;
    }
    this.#bySeq.set(seq, next);
    return true;
  }

  /** The held message at a seq, or null. */
  get(seq) {
    return this.#bySeq.get(seq) ?? null;
  }

  /**
   * Empties the window for another (the newest page again, or the page around a message jumped to). Pending sends
   * stay; pages asked for before this (a smaller epoch) are to be dropped.
   */
  reset() {
    this.#seqs = [];
    this.#bySeq = new Map();
    this.#reactedAt = new Map();
    this.hasMoreBefore = true;
    this.hasMoreAfter = false;
    this.evictedBefore = null;
    this.loaded = false;
    this.loadingOlder = false;
    this.loadingNewer = false;
    this.error = null;
    this.epoch += 1;
  }

  /**
   * What a page read backward (the newest page, an older one, the page ending at a jump's target) says about the top
   * of the window: more before it, or not; and where retention cut the room's history, if it did. Nothing is before
   * the window once the page says so, or once the window reaches the lowest seq still kept.
   */
  noteTop({ hasMore, messages, evictedBefore }) {
    if (Number.isInteger(evictedBefore)) {
      this.evictedBefore = Math.max(this.evictedBefore ?? 0, evictedBefore);
    }
    this.hasMoreBefore = Boolean(hasMore) && (messages?.length ?? 0) > 0;
    if (this.evictedBefore !== null && this.minSeq !== null && this.minSeq <= this.evictedBefore) {
      this.hasMoreBefore = false;
    }
  }

  /**
   * Retention removed every message below `seq` (a resume's `evicted`, or a page's `evictedBefore`): held ones below
   * it go, so the window stays gapless and nothing asks history for them again. Returns how many went.
   */
  evictBefore(seq) {
    if (!Number.isInteger(seq)) {
      return 0;
    }
    this.evictedBefore = Math.max(this.evictedBefore ?? 0, seq);
    const keep = this.#seqs.filter((s) => s >= seq);
    const dropped = this.#seqs.length - keep.length;
    for (const s of this.#seqs) {
      if (s < seq) {
        this.#bySeq.delete(s);
      }
    }
    this.#seqs = keep;
    if (this.minSeq === null || this.minSeq <= this.evictedBefore) {
      this.hasMoreBefore = false;
    }
    return dropped;
  }

  /**
   * The newest message of `userId` in the window whose text can be edited (not deleted, not a system line, not images
   * alone: an edit of no text is refused); null if none.
   */
  lastEditableOf(userId) {
    for (let i = this.#seqs.length - 1; i >= 0; i -= 1) {
      const message = this.#bySeq.get(this.#seqs[i]);
      if (message.sender?.id === userId && !message.deleted && message.kind !== 'system' && message.text) {
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

  /**
   * Messages of others after `seq` that count as unread (not deleted, not system lines), for unread counts; null if
   * the window does not reach back that far, or stops before the room's newest message.
   */
  countOthersAfter(seq, myId) {
    // Reaching back means holding seq + 1, or the lowest seq retention kept (the ones between are gone for everyone).
    const reaches = this.minSeq !== null && (this.minSeq <= seq + 1 || (this.evictedBefore !== null && this.minSeq <= this.evictedBefore));
    if (!reaches || this.hasMoreAfter) {
      return null;
    }
    let count = 0;
    for (const s of this.#seqs) {
      const message = this.#bySeq.get(s);
      if (s > seq && message.sender?.id !== myId && message.kind !== 'system' && !message.deleted) {
        count += 1;
      }
    }
    return count;
  }
}

/** Whether two copies of a message have the same reactions: the same counts, and the same ones of one's own. */
function sameReactions(a, b) {
  const counts = (m) => Object.entries(m.reactions ?? {}).filter(([, n]) => n > 0).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
  const mine = (m) => [...(m.myReactions ?? [])].sort();
  return JSON.stringify(counts(a)) === JSON.stringify(counts(b)) && JSON.stringify(mine(a)) === JSON.stringify(mine(b));
}

/** `message` with the reactions of `copy` (none when it has none). */
function withReactions(message, copy) {
  const { reactions, myReactions, ...rest } = message;
  const next = { ...rest };
  if (copy.reactions && Object.keys(copy.reactions).length > 0) {
    next.reactions = { ...copy.reactions };
  }
  if (copy.myReactions?.length > 0) {
    next.myReactions = [...copy.myReactions];
  }
  return next;
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
