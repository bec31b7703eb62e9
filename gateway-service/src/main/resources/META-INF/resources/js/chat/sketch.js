// The shared sketch canvas of each room whose canvas was opened: loading it, applying the server's sequenced ops
// in order (a gap asks for a resume, a hole a resume cannot fill loads the canvas again), one's own strokes shown
// at once as pending until stored, others' live previews, and catching up after a reconnect. The rules are in
// logic/sketch.js; this part talks to the socket and the API and tells the views through the store.

import { ApiError } from '../api.js';
import {
  isTransientRefusal, isValidStroke, SketchCanvas, sketchErrorText,
} from '../logic/sketch.js';
import { withRetries } from './retry.js';

/** How often previews that ran out are taken off the canvas. */
const SWEEP_EVERY_MS = 1000;
/** A stroke refused for now (busy, rate limited) is sent again after the server's retryAfterMs, or this long. */
const RESEND_AFTER_MS = 1500;
/** ...this many times, then it is given up and said so. */
const RESENDS_MAX = 3;

const SEQUENCED = new Set(['sketch.stroke', 'sketch.undo', 'sketch.redo', 'sketch.clear']);

export class SketchSync {
  #ctx;
  #sweepTimer = null;
  /** roomId -> the load in flight */
  #loading = new Map();
  /** strokeId -> {count, timer} for strokes refused for now */
  #resends = new Map();
  /** The id of the stroke being drawn here, whose previews went out: their refusals are not the stroke's. */
  #drawing = null;

  /** @param ctx the client's parts: {api, store, socket, report} */
  constructor(ctx) {
    this.#ctx = ctx;
  }

  start() {
    this.#sweepTimer = setInterval(() => this.#sweep(), SWEEP_EVERY_MS);
  }

  stop() {
    clearInterval(this.#sweepTimer);
    for (const { timer } of this.#resends.values()) {
      clearTimeout(timer);
    }
    this.#resends.clear();
  }

  forgetRoom(roomId) {
    const canvas = this.#ctx.store.sketches.get(roomId);
    for (const strokeId of canvas?.pending.keys() ?? []) {
      clearTimeout(this.#resends.get(strokeId)?.timer);
      this.#resends.delete(strokeId);
    }
    this.#ctx.store.sketches.delete(roomId);
    this.#loading.delete(roomId);
  }

  /** The canvas of a room, held from now on (loaded if it is not yet). */
  open(roomId) {
    const { store } = this.#ctx;
    if (!store.rooms.has(roomId)) {
      return null;
    }
    let canvas = store.sketches.get(roomId);
    if (!canvas) {
      canvas = new SketchCanvas();
      store.sketches.set(roomId, canvas);
    }
    if (!canvas.loaded && !this.#loading.has(roomId)) {
      this.#load(roomId);
    }
    return canvas;
  }

  /** Loads (or loads again) a held canvas from REST; live ops meanwhile wait in its buffer. */
  #load(roomId) {
    const { api, store } = this.#ctx;
    if (this.#loading.has(roomId)) {
      return;
    }
    const canvas = store.sketches.get(roomId);
    canvas.loadError = null;
    const loading = withRetries(() => api.sketch(roomId), { stillWanted: () => store.sketches.get(roomId) === canvas })
      .then((snapshot) => {
        if (store.sketches.get(roomId) === canvas) {
          this.#follow(roomId, canvas.load(snapshot), true);
        }
      })
      .catch((error) => {
        if (store.sketches.get(roomId) === canvas) {
          canvas.loadError = error instanceof ApiError ? error.friendly : 'The canvas could not be loaded.';
          this.#say(roomId, canvas.loadError);
          store.emit('sketch', { roomId });
        }
      })
      .finally(() => this.#loading.delete(roomId));
    this.#loading.set(roomId, loading);
  }

  /** Does what applying something asked for: a resume, a fresh load; tells the views if the canvas changed. */
  #follow(roomId, result, changed = result.changed) {
    const { socket, store } = this.#ctx;
    const canvas = store.sketches.get(roomId);
    if (result.needReload) {
      this.#load(roomId);
    } else if (result.needResume && !socket.send({ type: 'sketch.resume', roomId, afterSeq: result.afterSeq })) {
      // Offline: the next welcome resumes every canvas from its seq.
      canvas?.connectionLost();
    }
    if (changed) {
      store.emit('sketch', { roomId });
    }
  }

  /** A server frame of type sketch.* (not `error`). */
  onFrame(frame) {
    const { store } = this.#ctx;
    const canvas = store.sketches.get(frame.roomId);
    if (!canvas) {
      // A canvas nobody opened here: its load will bring it as it is then.
      return;
    }
    if (SEQUENCED.has(frame.type)) {
      if (frame.type === 'sketch.stroke') {
        this.#settle(frame.strokeId);
      }
      // Even a buffered stroke ends its preview: the view must redraw.
      const previewEnded = frame.type === 'sketch.stroke' && canvas.previews.has(frame.strokeId);
      const result = canvas.apply(frame);
      this.#follow(frame.roomId, result, result.changed || previewEnded);
      return;
    }
    switch (frame.type) {
      case 'sketch.ack':
        this.#settle(frame.strokeId);
        this.#follow(frame.roomId, canvas.acknowledge(frame, store.me.id));
        break;
      case 'sketch.draw':
        if (frame.userId !== store.me.id && canvas.preview(frame, Date.now())) {
          store.emit('sketch-preview', { roomId: frame.roomId });
        }
        break;
      case 'sketch.canvas':
        // The answer to a resume with too big a gap: the whole canvas as it is now.
        this.#follow(frame.roomId, canvas.load(frame), true);
        break;
      case 'sketch.resumed':
        this.#follow(frame.roomId, canvas.resumed(frame.seq));
        break;
      default:
        break;
    }
  }

  /**
   * An `error` frame: true if it is about the canvas (its ref is a pending or in-progress stroke of ours, or a
   * sketch.* frame type). A stroke refused for now is sent again; refused for good, it goes, and the panel says why.
   */
  onError(frame) {
    const { store } = this.#ctx;
    const ref = typeof frame.ref === 'string' ? frame.ref : '';
    for (const [roomId, canvas] of store.sketches) {
      const pending = canvas.pending.get(ref);
      if (pending) {
        this.#refused(roomId, canvas, pending, frame);
        return true;
      }
    }
    if (ref && this.#drawing === ref) {
      // A live preview was refused (they may be dropped under load); the finished stroke is what counts.
      return true;
    }
    if (!ref.startsWith('sketch.')) {
      return false;
    }
    const roomId = store.activeRoomId;
    if (ref === 'sketch.resume') {
      // No resume: load the canvases again, which brings them up to date just the same.
      for (const [id, canvas] of store.sketches) {
        canvas.connectionLost();
        if (canvas.loaded) {
          this.#load(id);
        }
      }
      return true;
    }
    if (ref === 'sketch.stroke' && !isTransientRefusal(frame.code)) {
      // A server that does not name the stroke refused them all.
      for (const [id, canvas] of store.sketches) {
        for (const strokeId of [...canvas.pending.keys()]) {
          this.#settle(strokeId);
          canvas.dropPending(strokeId);
        }
        store.emit('sketch', { roomId: id });
      }
    }
    if (roomId && ref !== 'sketch.draw') {
      this.#say(roomId, sketchErrorText(frame));
    }
    return true;
  }

  #refused(roomId, canvas, pending, frame) {
    const { store } = this.#ctx;
    const resend = this.#resends.get(pending.strokeId) ?? { count: 0, timer: null };
    if (isTransientRefusal(frame.code) && resend.count < RESENDS_MAX) {
      clearTimeout(resend.timer);
      resend.count += 1;
      const wait = Number.isInteger(frame.retryAfterMs) && frame.retryAfterMs > 0 ? frame.retryAfterMs : RESEND_AFTER_MS;
      resend.timer = setTimeout(() => {
        resend.timer = null;
        if (canvas.pending.has(pending.strokeId)) {
          this.#transmit(roomId, pending);
        }
      }, wait);
      this.#resends.set(pending.strokeId, resend);
      return;
    }
    this.#settle(pending.strokeId);
    canvas.dropPending(pending.strokeId);
    store.emit('sketch', { roomId });
    this.#say(roomId, `Your stroke was not saved. ${sketchErrorText(frame)}`);
  }

  #settle(strokeId) {
    clearTimeout(this.#resends.get(strokeId)?.timer);
    this.#resends.delete(strokeId);
  }

  #say(roomId, text) {
    this.#ctx.store.emit('sketch-error', { roomId, text });
  }

  #transmit(roomId, stroke) {
    const { strokeId, color, width, points } = stroke;
    // Offline it stays pending and goes out after the next welcome; a resend is stored once (same strokeId).
    this.#ctx.socket.send({ type: 'sketch.stroke', roomId, strokeId, color, width, points });
  }

  /** After every (re)connect: each loaded canvas resumes from its seq, and pending strokes go out again. */
  onWelcome() {
    const { store, socket } = this.#ctx;
    for (const [roomId, canvas] of store.sketches) {
      if (!store.rooms.has(roomId)) {
        continue;
      }
      const afterSeq = canvas.resumeFrom();
      if (afterSeq !== null) {
        socket.send({ type: 'sketch.resume', roomId, afterSeq });
      } else if (!this.#loading.has(roomId)) {
        this.#load(roomId);
      }
      for (const pending of canvas.pending.values()) {
        this.#transmit(roomId, pending);
      }
    }
  }

  /** The socket dropped: resumes under way will not finish; previews will not be finished either. */
  dropped() {
    for (const [roomId, canvas] of this.#ctx.store.sketches) {
      canvas.connectionLost();
      if (canvas.previews.size > 0) {
        canvas.previews.clear();
        this.#ctx.store.emit('sketch-preview', { roomId });
      }
    }
  }

  /** Points of the stroke being drawn, for the others' live preview; dropped when offline. */
  draw(roomId, part) {
    if (isValidStroke(part)) {
      this.#drawing = part.strokeId;
      this.#ctx.socket.send({ type: 'sketch.draw', roomId, ...part });
    }
  }

  /** A finished stroke of one's own: shown at once as pending, stored when the server acks it. False if invalid. */
  stroke(roomId, stroke) {
    const { store } = this.#ctx;
    const canvas = store.sketches.get(roomId);
    if (!canvas || !isValidStroke(stroke)) {
      return false;
    }
    if (this.#drawing === stroke.strokeId) {
      this.#drawing = null;
    }
    const own = { strokeId: stroke.strokeId, color: stroke.color, width: stroke.width, points: [...stroke.points] };
    canvas.addPending(own, store.me.id);
    store.emit('sketch', { roomId });
    this.#transmit(roomId, own);
    return true;
  }

  /** Undo or redo of one's own latest stroke, an undo of a given stroke (its author or the room owner), or a clear. */
  command(roomId, type, strokeId) {
    const frame = strokeId ? { type, roomId, strokeId } : { type, roomId };
    if (!this.#ctx.socket.send(frame)) {
      this.#say(roomId, 'You are offline. Try again once the connection is back.');
      return false;
    }
    return true;
  }

  /** The canvas as it looked at a seq (time travel): {seq, strokes}. */
  at(roomId, atSeq) {
    return this.#ctx.api.sketch(roomId, atSeq);
  }

  svg(roomId, atSeq) {
    return this.#ctx.api.sketchSvg(roomId, atSeq);
  }

  #sweep() {
    const now = Date.now();
    for (const [roomId, canvas] of this.#ctx.store.sketches) {
      if (canvas.expirePreviews(now)) {
        this.#ctx.store.emit('sketch-preview', { roomId });
      }
    }
  }
}
