// Images waiting to go with the next message: one tray per room (logic/upload-tray.js), kept while one switches rooms,
// its uploads run here (js/upload.js: progress, abort) a few at a time. Each change emits `uploads` {roomId}. Sending
// takes the tray's finished uploads (see ChatClient.send); removing an item aborts its upload if it is in flight.

import { ApiError } from '../api.js';
import { uploadErrorText } from '../logic/attachments.js';
import { UploadTray } from '../logic/upload-tray.js';
import { uploadAttachment, UploadAborted } from '../upload.js';

export class Uploads {
  #ctx;
  /** roomId -> UploadTray */
  #trays = new Map();
  /** item key -> abort() of its upload in flight */
  #running = new Map();

  /** @param ctx the client's parts: {session, store} */
  constructor(ctx) {
    this.#ctx = ctx;
  }

  /** The room's tray (empty until something is attached). */
  tray(roomId) {
    let tray = this.#trays.get(roomId);
    if (!tray) {
      tray = new UploadTray();
      this.#trays.set(roomId, tray);
    }
    return tray;
  }

  /** Files attached in a room (button, paste or drop): checked, then uploaded in turn. */
  add(roomId, files) {
    const list = [...files];
    if (list.length === 0 || !this.#ctx.store.rooms.has(roomId)) {
      return;
    }
    this.tray(roomId).add(list, this.#ctx.store.limits);
    this.#pump(roomId);
  }

  /** Takes an item out of the tray: an upload in flight is aborted, a finished one will not be sent. */
  remove(roomId, key) {
    const item = this.#trays.get(roomId)?.remove(key);
    if (item) {
      this.#abort(item.key);
      this.#changed(roomId);
      this.#pump(roomId);
    }
  }

  /** Tries a failed upload again (busy server, network). */
  retry(roomId, key) {
    if (this.#trays.get(roomId)?.retry(key, this.#ctx.store.limits)) {
      this.#pump(roomId);
    }
  }

  /** For a message being sent: the finished uploads and their files, the tray emptied; null while uploads run. */
  take(roomId) {
    const taken = this.#trays.get(roomId)?.take() ?? { attachments: [], files: new Map() };
    if (taken) {
      this.#changed(roomId);
    }
    return taken;
  }

  /** A room left or deleted: its uploads stop and its tray goes. */
  forgetRoom(roomId) {
    const tray = this.#trays.get(roomId);
    if (tray) {
      tray.clear().forEach((item) => this.#abort(item.key));
      this.#trays.delete(roomId);
      this.#changed(roomId);
    }
  }

  stop() {
    for (const abort of this.#running.values()) {
      abort();
    }
    this.#running.clear();
    this.#trays.clear();
  }

  #abort(key) {
    const abort = this.#running.get(key);
    if (abort) {
      this.#running.delete(key);
      abort();
    }
  }

  #changed(roomId) {
    this.#ctx.store.emit('uploads', { roomId });
  }

  /** Starts what may start now in a room's tray. */
  #pump(roomId) {
    const tray = this.#trays.get(roomId);
    for (const item of tray?.start() ?? []) {
      this.#upload(roomId, tray, item);
    }
    this.#changed(roomId);
  }

  #upload(roomId, tray, item) {
    const { session, store } = this.#ctx;
    const { key } = item;
    const upload = uploadAttachment(session, roomId, item.file, (loaded, total) => {
      if (tray.progress(key, loaded, total)) {
        this.#changed(roomId);
      }
    });
    this.#running.set(key, upload.abort);
    upload.done.then(
      (attachment) => tray.uploaded(key, attachment),
      (error) => {
        if (error instanceof UploadAborted) {
          return;
        }
        const problem = error instanceof ApiError
          ? { status: error.status, code: error.code, detail: error.detail, field: error.fields?.file }
          : { status: 0, code: 'network' };
        tray.failed(key, uploadErrorText(problem, store.limits));
      },
    ).finally(() => {
      if (this.#running.get(key) === upload.abort) {
        this.#running.delete(key);
      }
      // The tray may be gone (room left) or the item removed: then there is nothing to show or start.
      if (this.#trays.get(roomId) === tray) {
        this.#pump(roomId);
      }
    });
  }
}
