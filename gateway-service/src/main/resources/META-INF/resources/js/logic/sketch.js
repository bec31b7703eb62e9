// The shared sketch canvas of a room, as the client holds it: strokes with their visibility, the canvas's own
// gapless seq (separate from the room's message seq), sequenced ops applied in order exactly once (a gap is
// buffered and asks for a resume), one's own strokes shown at once while pending, others' live previews, and the
// geometry shared with the server: a 0..10000 square, widths 1..200, at most 2000 points a stroke.
// Pure: no DOM; randomness and time are passed in.

/** Coordinates are integers in a 0..SKETCH_SIZE square; each client scales it to its own canvas. */
export const SKETCH_SIZE = 10_000;
/** The most points one stroke may have; a longer drag is cut into several strokes. */
export const MAX_POINTS = 2000;
export const MIN_WIDTH = 1;
export const MAX_WIDTH = 200;
/** Another member's preview with no update this long is dropped (their finished stroke or a lost connection). */
export const PREVIEW_TTL_MS = 5000;
/** Ops waiting for a missing seq; past this many the canvas is loaded again instead of waiting for more. */
const MAX_BUFFERED = 5000;

const SEQUENCED = new Set(['sketch.stroke', 'sketch.undo', 'sketch.redo', 'sketch.clear']);
const COLOR = /^#[0-9a-f]{6}$/i;

/** `#rrggbb`, the only colour form the contract has. */
export function isColor(value) {
  return typeof value === 'string' && COLOR.test(value);
}

/** A width the server takes: a whole number in 1..200 (anything else is brought into range; not a number: `fallback`). */
export function clampWidth(value, fallback = 6) {
  const n = Number(value);
  if (!Number.isFinite(n)) {
    return fallback;
  }
  return Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, Math.round(n)));
}

/**
 * A stroke's line width in pixels on a square canvas `size` pixels wide. A width is measured in tenths of a
 * thousandth of the side: width w covers w * 10 units of the 0..10000 square, i.e. w * size / 1000 pixels. So a
 * drawing looks the same at every canvas size (and in the server's SVG, whose viewBox is the 0..10000 square and
 * whose stroke-width is w * 10): width 10 is 1 % of the side.
 */
export function lineWidthPx(width, size) {
  return (clampWidth(width) * size) / 1000;
}

/** A position on a canvas `size` pixels wide (x, y from its top left) as a point of the 0..10000 square: clamped whole units. */
export function toSketchPoint(x, y, size) {
  const scale = (v) => {
    const units = size > 0 ? Math.round((v / size) * SKETCH_SIZE) : 0;
    return Math.min(SKETCH_SIZE, Math.max(0, Number.isFinite(units) ? units : 0));
  };
  return [scale(x), scale(y)];
}

/** A point of the 0..10000 square in pixels of a canvas `size` pixels wide. */
export function toPixels(point, size) {
  return [(point[0] * size) / SKETCH_SIZE, (point[1] * size) / SKETCH_SIZE];
}

function isPoint(p) {
  return Array.isArray(p) && p.length === 2 && p.every((v) => Number.isInteger(v) && v >= 0 && v <= SKETCH_SIZE);
}

/** A stroke the server would take: colour, width, and 1..2000 points of the square. */
export function isValidStroke(stroke) {
  return Boolean(stroke) && isColor(stroke.color) && Number.isInteger(stroke.width) && stroke.width >= MIN_WIDTH
    && stroke.width <= MAX_WIDTH && Array.isArray(stroke.points) && stroke.points.length >= 1
    && stroke.points.length <= MAX_POINTS && stroke.points.every(isPoint);
}

function randomBytes(count) {
  return crypto.getRandomValues(new Uint8Array(count));
}

/**
 * A stroke id: a random (version 4) UUID, as the contract asks. crypto.randomUUID where there is one; it is missing
 * on plain-http pages other than localhost (a phone on the LAN), so otherwise built from 16 random bytes.
 */
export function newStrokeId(bytes = null) {
  if (!bytes && typeof crypto.randomUUID === 'function') {
    return crypto.randomUUID();
  }
  const b = [...(bytes ?? randomBytes)(16)];
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = b.map((v) => v.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * One drag of the pen, as strokes. Points are kept once (a repeat of the last one is dropped); when a stroke reaches
 * `maxPoints` it is finished at once and the drag goes on in a new stroke that starts where it ended, so the line
 * has no gap. `takeUnsent` gives the points of the current stroke since the last live preview.
 */
export class Drag {
  #newId;
  #maxPoints;
  #sent = 0;
  #continued = false;

  /** @param newId makes stroke ids (default: newStrokeId) */
  constructor({ color, width, newId = () => newStrokeId(), maxPoints = MAX_POINTS }) {
    this.color = color;
    this.width = width;
    this.#newId = newId;
    this.#maxPoints = maxPoints;
    this.current = this.#start([]);
  }

  #start(points) {
    return { strokeId: this.#newId(), color: this.color, width: this.width, points };
  }

  /** Adds a point; returns the stroke it finished (it reached maxPoints), else null. */
  add(point) {
    const points = this.current.points;
    const last = points[points.length - 1];
    if (last && last[0] === point[0] && last[1] === point[1]) {
      return null;
    }
    points.push(point);
    if (points.length < this.#maxPoints) {
      return null;
    }
    const done = this.current;
    this.current = this.#start([point]);
    this.#sent = 0;
    this.#continued = true;
    return done;
  }

  /** The points of the current stroke not yet sent as a preview ({strokeId, color, width, points}), or null. */
  takeUnsent() {
    const { points } = this.current;
    if (this.#sent >= points.length) {
      return null;
    }
    const part = { ...this.current, points: points.slice(this.#sent) };
    this.#sent = points.length;
    return part;
  }

  /** The last stroke of the drag, or null if it has nothing of its own (only the joint with the stroke before it). */
  finish() {
    const { points } = this.current;
    if (points.length === 0 || (this.#continued && points.length === 1)) {
      return null;
    }
    return this.current;
  }
}

/** What applying something did: whether the visible canvas changed, and what the caller must ask the server for. */
function outcome() {
  return { changed: false, needResume: false, afterSeq: null, needReload: false };
}

/**
 * The canvas of one room. Sequenced ops (stroke, undo, redo, clear) are applied only in seq order: a duplicate
 * (seq at or below ours) is ignored, a later one waits in a buffer and, once, asks for a resume from our seq.
 * Until the canvas is loaded everything waits in the buffer.
 */
export class SketchCanvas {
  /** The seq of the last op applied (0: an empty canvas). */
  seq = 0;
  loaded = false;
  /** True from asking for a resume until `resumed` (or the connection dropped). */
  resuming = false;
  /** strokeId -> {seq, strokeId, userId, color, width, points, createdAt, visible}, in seq order */
  #strokes = new Map();
  /** seq -> op, for ops that came before the one they follow */
  #buffer = new Map();
  /** One's own strokes sent and not yet stored: strokeId -> {strokeId, color, width, points, userId} */
  pending = new Map();
  /** Others' strokes in progress: strokeId -> {strokeId, userId, color, width, points, updatedAt} */
  previews = new Map();
  /** Goes up whenever the stored strokes that show change (a view may cache its drawing by it). */
  version = 0;
  /** Why the last load failed, for the panel to say; null once one succeeds. */
  loadError = null;

  /** The strokes that show, in seq order. */
  visibleStrokes() {
    return [...this.#strokes.values()].filter((s) => s.visible);
  }

  get strokeCount() {
    let count = 0;
    for (const s of this.#strokes.values()) {
      count += s.visible ? 1 : 0;
    }
    return count;
  }

  get bufferedCount() {
    return this.#buffer.size;
  }

  /**
   * The canvas as the server gave it ({seq, strokes}: the visible strokes in order), replacing what was held;
   * buffered ops after its seq are applied on top. Also the answer to a resume with a big gap (`sketch.canvas`).
   */
  load(snapshot) {
    this.#strokes = new Map();
    for (const s of snapshot.strokes ?? []) {
      this.#strokes.set(s.strokeId, { ...s, visible: true });
      this.pending.delete(s.strokeId);
      this.previews.delete(s.strokeId);
    }
    this.seq = Number.isInteger(snapshot.seq) ? snapshot.seq : 0;
    this.loaded = true;
    this.loadError = null;
    // Whatever a resume under way still brings is a duplicate now; a gap left after this asks anew.
    this.resuming = false;
    this.version += 1;
    const result = this.#drain();
    result.changed = true;
    return result;
  }

  /** A sequenced server op (or anything else, which is ignored). */
  apply(op) {
    if (!SEQUENCED.has(op?.type) || !Number.isInteger(op.seq)) {
      return outcome();
    }
    if (op.type === 'sketch.stroke') {
      // Whenever it arrives, the finished stroke replaces its preview.
      this.previews.delete(op.strokeId);
    }
    if (this.loaded && op.seq <= this.seq) {
      return outcome();
    }
    if (!this.#buffer.has(op.seq) || op.type === 'sketch.stroke') {
      this.#buffer.set(op.seq, op);
    }
    if (!this.loaded) {
      return outcome();
    }
    return this.#drain();
  }

  /**
   * The server's ack of one's own stroke: it is stored at `seq`. Applied like the op it stands for (the echo that
   * follows is then a duplicate), so an ack that overtakes earlier ops waits for them like any op.
   */
  acknowledge(ack, myId) {
    const own = this.pending.get(ack.strokeId);
    if (!own || !Number.isInteger(ack.seq)) {
      return outcome();
    }
    return this.apply({
      type: 'sketch.stroke', roomId: ack.roomId, seq: ack.seq, strokeId: own.strokeId, userId: myId,
      color: own.color, width: own.width, points: own.points, createdAt: null,
    });
  }

  /** `sketch.resumed`: the server sent everything up to `seq`. What is still missing is loaded again. */
  resumed(seq) {
    this.resuming = false;
    const result = this.#drain();
    if (Number.isInteger(seq) && this.seq < seq) {
      // The resume did not bring everything up to its own end: only a fresh load can.
      this.resuming = false;
      result.needResume = false;
      result.afterSeq = null;
      result.needReload = true;
    }
    return result;
  }

  /** After a reconnect: the seq to resume after (null if not loaded yet; its load brings everything). */
  resumeFrom() {
    if (!this.loaded) {
      return null;
    }
    this.resuming = true;
    return this.seq;
  }

  /** The connection dropped: no resume is under way any more. */
  connectionLost() {
    this.resuming = false;
  }

  #drain() {
    const result = outcome();
    for (const seq of [...this.#buffer.keys()]) {
      if (seq <= this.seq) {
        this.#buffer.delete(seq);
      }
    }
    while (this.#buffer.has(this.seq + 1)) {
      const op = this.#buffer.get(this.seq + 1);
      this.#buffer.delete(op.seq);
      this.seq = op.seq;
      const effect = this.#applyNext(op);
      result.changed ||= effect !== 'none';
      result.needReload ||= effect === 'unknown';
    }
    if (result.changed) {
      this.version += 1;
    }
    if (this.#buffer.size > MAX_BUFFERED) {
      result.needReload = true;
    } else if (this.#buffer.size > 0 && !this.resuming) {
      this.resuming = true;
      result.needResume = true;
      result.afterSeq = this.seq;
    }
    return result;
  }

  /** Applies the op that follows our seq: 'shown', 'hidden', 'none', or 'unknown' (a redo of a stroke we never had). */
  #applyNext(op) {
    switch (op.type) {
      case 'sketch.stroke': {
        this.pending.delete(op.strokeId);
        const known = this.#strokes.get(op.strokeId);
        if (known) {
          known.visible = true;
        } else {
          const { type, roomId, ...stroke } = op;
          this.#strokes.set(op.strokeId, { ...stroke, visible: true });
        }
        return 'shown';
      }
      case 'sketch.undo': {
        const stroke = this.#strokes.get(op.strokeId);
        if (!stroke?.visible) {
          return 'none';
        }
        stroke.visible = false;
        return 'hidden';
      }
      case 'sketch.redo': {
        const stroke = this.#strokes.get(op.strokeId);
        if (!stroke) {
          // Undone before this canvas was loaded: its points were never sent to us.
          return 'unknown';
        }
        const wasVisible = stroke.visible;
        stroke.visible = true;
        return wasVisible ? 'none' : 'shown';
      }
      case 'sketch.clear': {
        let hidden = false;
        for (const stroke of this.#strokes.values()) {
          if (stroke.seq < op.seq && stroke.visible) {
            stroke.visible = false;
            hidden = true;
          }
        }
        return hidden ? 'hidden' : 'none';
      }
      default:
        return 'none';
    }
  }

  /** One's own stroke, shown at once until the server stored it (or refused it). */
  addPending(stroke, myId) {
    this.pending.set(stroke.strokeId, { ...stroke, userId: myId });
  }

  /** Drops a pending stroke the server refused; true if there was one. */
  dropPending(strokeId) {
    return this.pending.delete(strokeId);
  }

  /** Another member's `sketch.draw`: its points are added to their preview. Ignored once the stroke is stored. */
  preview(frame, now) {
    if (!frame?.strokeId || this.#strokes.has(frame.strokeId) || !Array.isArray(frame.points)) {
      return false;
    }
    const known = this.previews.get(frame.strokeId);
    if (known) {
      // A stroke has at most MAX_POINTS: a sender that goes on is not followed further.
      known.points.push(...frame.points.slice(0, Math.max(0, MAX_POINTS - known.points.length)));
      known.updatedAt = now;
    } else {
      this.previews.set(frame.strokeId, {
        strokeId: frame.strokeId, userId: frame.userId, color: frame.color, width: frame.width,
        points: frame.points.slice(0, MAX_POINTS), updatedAt: now,
      });
    }
    return true;
  }

  /** Drops previews with no update for PREVIEW_TTL_MS; true if any went. */
  expirePreviews(now) {
    let dropped = false;
    for (const [id, preview] of this.previews) {
      if (now - preview.updatedAt >= PREVIEW_TTL_MS) {
        this.previews.delete(id);
        dropped = true;
      }
    }
    return dropped;
  }

  /** Whether an undo of one's own would find a stroke: one that shows, or one sent and not stored yet. */
  canUndo(myId) {
    return this.pending.size > 0 || [...this.#strokes.values()].some((s) => s.visible && s.userId === myId);
  }
}

/** Codes of refusals that say "not now" rather than "never": a stroke refused so is sent again. */
const TRANSIENT_CODES = new Set(['rate_limited', 'overloaded', 'service_unavailable']);

/** Whether an `error` frame's code means "try again later". */
export function isTransientRefusal(code) {
  return TRANSIENT_CODES.has(code);
}

/** What an `error` frame about the canvas shows in its panel: `ref` is a stroke id or the frame type it answers. */
export function sketchErrorText({ code, message, ref }) {
  const action = { 'sketch.undo': 'undo', 'sketch.redo': 'redo' }[ref];
  switch (code) {
    case 'not_found':
      return action ? `Nothing to ${action}.` : message || 'Not found.';
    case 'forbidden':
      return 'Only the author of a stroke or the room owner can undo it.';
    case 'not_a_member':
      return 'You are not a member of this room.';
    case 'rate_limited':
    case 'overloaded':
    case 'service_unavailable':
      return 'The server is busy. Try again in a moment.';
    case 'validation_failed':
      return message || 'The server did not take this drawing.';
    default:
      return message || 'That did not work.';
  }
}
