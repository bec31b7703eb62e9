// The tray of images waiting to go with the next message, as a state machine. Each item is
//   queued -> uploading -> done            (its attachment, ready to send)
//                       -> failed          (the server's or the network's reason; retry when it may help: back to queued)
//   rejected                               (the client's own check: too big, wrong type, one too many; never uploaded)
// and leaves the tray when removed (an upload in flight is then aborted by the caller) or when the message is sent.
// At most MAX_PARALLEL_UPLOADS upload at once; the rest wait, queued. Pure: no DOM; the file is held, not read.

import { checkFile, isSendable, tooManyText } from './attachments.js';

/** Uploads running at once per tray: the rest wait their turn. */
export const MAX_PARALLEL_UPLOADS = 2;

/** Statuses that take a place among the message's attachments (rejected and failed ones do not). */
const COUNTED = new Set(['queued', 'uploading', 'done']);

export class UploadTray {
  #items = [];
  #nextKey = 1;

  /** The items, in the order they were added. Each change replaces the item's object (views compare by identity). */
  get items() {
    return this.#items;
  }

  get size() {
    return this.#items.length;
  }

  item(key) {
    return this.#items.find((i) => i.key === key) ?? null;
  }

  /** True while an upload waits or runs: the message cannot go yet. */
  get busy() {
    return this.#items.some((i) => i.status === 'queued' || i.status === 'uploading');
  }

  /** The finished uploads, in tray order: what the next message carries. */
  get ready() {
    return this.#items.filter((i) => i.status === 'done');
  }

  /**
   * Adds files ({name, size, type}, held as they are): each is checked, and beyond the message's limit of attachments
   * rejected as one too many. Returns the new items.
   */
  add(files, limits) {
    const added = [];
    let counted = this.#items.filter((i) => COUNTED.has(i.status)).length;
    for (const file of files) {
      const refused = checkFile(file, limits);
      const tooMany = !refused && counted >= limits.maxAttachmentsPerMessage;
      const item = {
        key: `u${this.#nextKey++}`,
        file,
        name: String(file?.name || 'image'),
        size: Number(file?.size) || 0,
        type: String(file?.type ?? ''),
        status: refused || tooMany ? 'rejected' : 'queued',
        progress: 0,
        attachment: null,
        error: refused ? refused.text : tooMany ? tooManyText(limits) : null,
        retryable: false,
      };
      if (item.status === 'queued') {
        counted += 1;
      }
      this.#items.push(item);
      added.push(item);
    }
    return added;
  }

  /** The queued items that may start now (at most MAX_PARALLEL_UPLOADS running), turned to uploading, oldest first. */
  start() {
    let running = this.#items.filter((i) => i.status === 'uploading').length;
    const started = [];
    for (const item of this.#items) {
      if (running >= MAX_PARALLEL_UPLOADS) {
        break;
      }
      if (item.status === 'queued') {
        started.push(this.#replace(item, { status: 'uploading', progress: 0 }));
        running += 1;
      }
    }
    return started;
  }

  /** Bytes sent of an item uploading: its progress in whole percent, below 100 until the server answered. False if nothing changed. */
  progress(key, loaded, total) {
    const item = this.item(key);
    if (item?.status !== 'uploading' || !(total > 0)) {
      return false;
    }
    const percent = Math.max(0, Math.min(99, Math.floor((loaded / total) * 100)));
    if (percent <= item.progress) {
      return false;
    }
    this.#replace(item, { progress: percent });
    return true;
  }

  /** The server stored it: done, with its attachment ({attachmentId, contentType, size, width, height, thumbnail}). */
  uploaded(key, attachment) {
    const item = this.item(key);
    if (item?.status !== 'uploading' || typeof attachment?.attachmentId !== 'string') {
      return false;
    }
    this.#replace(item, { status: 'done', progress: 100, attachment });
    return true;
  }

  /** The upload failed: `text` says why, `retryable` whether trying again may help. */
  failed(key, { text, retryable }) {
    const item = this.item(key);
    if (item?.status !== 'uploading') {
      return false;
    }
    this.#replace(item, { status: 'failed', progress: 0, error: text, retryable: Boolean(retryable) });
    return true;
  }

  /** A failed item that may succeed later goes back to the queue (unless the message is full meanwhile). */
  retry(key, limits) {
    const item = this.item(key);
    if (item?.status !== 'failed' || !item.retryable) {
      return false;
    }
    if (this.#items.filter((i) => COUNTED.has(i.status)).length >= limits.maxAttachmentsPerMessage) {
      this.#replace(item, { status: 'rejected', error: tooManyText(limits), retryable: false });
      return true;
    }
    this.#replace(item, { status: 'queued', progress: 0, error: null, retryable: false });
    return true;
  }

  /** Takes an item out (cancel or remove); the caller aborts its upload if it was uploading. The item, or null. */
  remove(key) {
    const item = this.item(key);
    if (item) {
      this.#items = this.#items.filter((i) => i !== item);
    }
    return item;
  }

  /** Empties the tray; returns what it held (the caller aborts those uploading). */
  clear() {
    const items = this.#items;
    this.#items = [];
    return items;
  }

  /**
   * Whether the composer may send `text` now, and if not why: 'uploading' (uploads still waiting or running block the
   * send), 'empty' (no text and no finished upload), 'invalid' (too long, too many).
   */
  sendState(text, limits) {
    if (this.busy) {
      return { enabled: false, reason: 'uploading' };
    }
    const count = this.ready.length;
    if (count === 0 && text.trim() === '') {
      return { enabled: false, reason: 'empty' };
    }
    return isSendable(text, count, limits) ? { enabled: true, reason: null } : { enabled: false, reason: 'invalid' };
  }

  /**
   * The message is going: the finished uploads' attachments (in tray order) and their files by attachmentId (for the
   * pending message's local preview); the tray empties. Null while uploads are busy (nothing changes then).
   */
  take() {
    if (this.busy) {
      return null;
    }
    const ready = this.ready;
    this.#items = [];
    return {
      attachments: ready.map((i) => i.attachment),
      files: new Map(ready.map((i) => [i.attachment.attachmentId, i.file])),
    };
  }

  #replace(item, patch) {
    const next = { ...item, ...patch };
    this.#items = this.#items.map((i) => (i === item ? next : i));
    return next;
  }
}

/** What an item says beside its name: waiting, uploading with its percent, ready, or its error. */
export function itemStatusText(item) {
  switch (item.status) {
    case 'queued':
      return 'Waiting to upload';
    case 'uploading':
      return `Uploading, ${item.progress}%`;
    case 'done':
      return 'Ready to send';
    default:
      return item.error ?? 'Not uploaded.';
  }
}
