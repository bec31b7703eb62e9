// The open room's shared canvas, beside the chat (over it on narrow screens): a pen with colour and width,
// undo and redo (buttons, and Ctrl+Z / Ctrl+Shift+Z while focus is in the panel), clear after a confirmation,
// a time slider that shows the canvas as it was at any seq, and export as SVG (the server's) or PNG (drawn here).
// Strokes are drawn in the 0..10000 square of the contract scaled to a square canvas; what is stored is drawn on
// a cached layer, and one's pending strokes, others' live previews and the stroke being drawn on top of it.

import { ApiError } from '../api.js';
import { h, uid } from '../dom.js';
import { icon } from '../icons.js';
import { label } from '../logic/rooms.js';
import { clampWidth, Drag, isColor, lineWidthPx, toPixels, toSketchPoint } from '../logic/sketch.js';
import { confirmDialog } from './dialogs.js';

/** Live previews of the stroke being drawn go out at most this often. */
const PREVIEW_EVERY_MS = 50;
/** The time slider loads the canvas at its position once it rests this long. */
const SCRUB_DEBOUNCE_MS = 200;
/** The drawing surface is white in both colour schemes: a drawing looks the same to everyone, and when exported. */
const PAPER = '#ffffff';
/** Side of an exported PNG, in pixels. */
const EXPORT_PX = 1000;
const MIN_CANVAS_PX = 120;
/** An error line stays this long. */
const STATUS_SHOWS_MS = 8000;

/** Draws a stroke on a 2D context whose canvas is `px` pixels wide (a single point is a dot). */
function drawStroke(ctx, stroke, px) {
  // Whatever another client sent is drawn as far as it is points; nothing in it may stop the drawing.
  const points = Array.isArray(stroke.points) ? stroke.points.filter((p) => Array.isArray(p)) : [];
  if (points.length === 0) {
    return;
  }
  const color = isColor(stroke.color) ? stroke.color : '#000000';
  const width = lineWidthPx(stroke.width, px);
  ctx.strokeStyle = color;
  ctx.fillStyle = color;
  ctx.beginPath();
  const [x0, y0] = toPixels(points[0], px);
  if (points.length === 1) {
    ctx.arc(x0, y0, width / 2, 0, Math.PI * 2);
    ctx.fill();
    return;
  }
  ctx.lineWidth = width;
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  ctx.moveTo(x0, y0);
  for (let i = 1; i < points.length; i += 1) {
    const [x, y] = toPixels(points[i], px);
    ctx.lineTo(x, y);
  }
  ctx.stroke();
}

function paintPaper(ctx, px) {
  ctx.fillStyle = PAPER;
  ctx.fillRect(0, 0, px, px);
}

function download(blob, name) {
  const url = URL.createObjectURL(blob);
  const link = h('a', { href: url, download: name, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

/**
 * @param currentRoomId the id of the room on screen (null for none)
 * @param onToggle called with true/false when the panel opens or closes for the room on screen
 */
export function sketchPanel({ client, store, currentRoomId, onToggle }) {
  /** Rooms whose canvas is open in this tab. */
  const openRooms = new Set();
  let roomId = null;
  /** The live canvas (a SketchCanvas) of the room on screen. */
  let state = null;
  /** The seq the time slider asks for (null: live), and the canvas loaded for it ({seq, strokes}). */
  let scrubAt = null;
  let past = null;
  let scrubTimer = null;
  let scrubTicket = 0;
  /** The drag in progress: its Drag, pointer, room, and the preview timer. */
  let drag = null;
  let pointerId = null;
  let dragRoomId = null;
  let previewTimer = null;
  let lastPreviewAt = 0;
  const pen = { color: '#1c2030', width: 8 };
  /** The stored strokes, drawn once per change: what was drawn, for which canvas and size. */
  const layer = document.createElement('canvas');
  let layerOf = null;
  let renderQueued = false;
  let statusTimer = null;

  const headingId = uid('sketch-title');
  const color = h('input', { type: 'color', id: 'sketch-color', testid: 'sketch-color', class: 'sketch-color', value: pen.color });
  const width = h('input', {
    type: 'range', id: 'sketch-width', testid: 'sketch-width', class: 'sketch-range', min: '1', max: '200', step: '1', value: String(pen.width),
  });
  const widthValue = h('output', { for: 'sketch-width', class: 'sketch-value' }, String(pen.width));
  const iconButton = (id, iconName, text, onClick, shortcut) => h('button', {
    type: 'button', class: 'icon-button', id, testid: id, 'aria-label': text, title: shortcut ? `${text} (${shortcut})` : text,
    'aria-keyshortcuts': shortcut?.replaceAll('Ctrl', 'Control'), onClick,
  }, icon(iconName));
  const undoButton = iconButton('sketch-undo', 'undo', 'Undo', () => undo(), 'Ctrl+Z');
  const redoButton = iconButton('sketch-redo', 'redo', 'Redo', () => redo(), 'Ctrl+Shift+Z');
  const clearButton = iconButton('sketch-clear', 'trash', 'Clear the canvas', () => clear());
  const exportButton = (id, kind, onClick) => h('button', { type: 'button', class: 'button small', id, testid: id, onClick },
    icon('download'), h('span', { class: 'sr-only' }, 'Export as '), kind);
  const svgButton = exportButton('sketch-export-svg', 'SVG', () => exportSvg());
  const pngButton = exportButton('sketch-export-png', 'PNG', () => exportPng());
  const closeButton = h('button', {
    type: 'button', class: 'icon-button', testid: 'sketch-close', 'aria-label': 'Close the canvas', onClick: () => toggle(),
  }, icon('close'));

  // tabindex -1: a pointer that draws puts focus here, so Ctrl+Z undoes; Tab goes to the controls, not the picture.
  const canvas = h('canvas', {
    id: 'sketch-canvas', testid: 'sketch-canvas', class: 'sketch-canvas', role: 'img', tabindex: '-1', 'aria-label': 'Shared canvas',
    dataset: { seq: 0, strokes: 0, pending: 0, previews: 0, loaded: 'false', view: 'live' },
  });
  const stage = h('div', { class: 'sketch-stage' }, canvas);

  const time = h('input', {
    type: 'range', id: 'sketch-time', testid: 'sketch-time', class: 'sketch-range sketch-time', min: '0', max: '0', step: '1', value: '0',
  });
  const when = h('span', { class: 'sketch-when', testid: 'sketch-when' }, 'Live');
  const liveButton = h('button', { type: 'button', class: 'button small', id: 'sketch-live', testid: 'sketch-live', hidden: true, onClick: () => goLive() }, 'Live');
  const status = h('p', { class: 'sketch-status', role: 'status', testid: 'sketch-status' });

  const el = h('section', { class: 'sketch', id: 'sketch-panel', testid: 'sketch-panel', 'aria-labelledby': headingId, hidden: true },
    h('div', { class: 'sketch-head' }, h('h2', { id: headingId }, 'Canvas'), closeButton),
    h('div', { class: 'sketch-tools' },
      h('div', { class: 'sketch-field' }, h('label', { for: 'sketch-color' }, 'Colour'), color),
      h('div', { class: 'sketch-field' }, h('label', { for: 'sketch-width' }, 'Width'), width, widthValue),
      h('div', { class: 'sketch-buttons' }, undoButton, redoButton, clearButton, svgButton, pngButton)),
    stage,
    h('div', { class: 'sketch-field sketch-time-row' }, h('label', { for: 'sketch-time' }, 'History'), time, when, liveButton),
    status);

  // ---- drawing on screen ----

  /** Sizes the canvas to the largest square its stage holds, in device pixels for a sharp line. */
  function fit() {
    if (el.hidden) {
      return;
    }
    const side = Math.max(MIN_CANVAS_PX, Math.floor(Math.min(stage.clientWidth, stage.clientHeight)));
    const px = Math.round(side * (window.devicePixelRatio || 1));
    if (canvas.width !== px || canvas.style.width !== `${side}px`) {
      canvas.style.width = `${side}px`;
      canvas.style.height = `${side}px`;
      canvas.width = px;
      canvas.height = px;
      queueRender();
    }
  }
  const resizeObserver = new ResizeObserver(() => fit());
  resizeObserver.observe(stage);

  function queueRender() {
    if (!renderQueued) {
      renderQueued = true;
      requestAnimationFrame(render);
    }
  }

  /** The strokes that show: the canvas at the slider's seq while it is off live, else the live canvas. */
  function shownStrokes() {
    if (scrubAt !== null && past) {
      return past.strokes;
    }
    return state?.loaded ? state.visibleStrokes() : [];
  }

  function render() {
    renderQueued = false;
    if (el.hidden || canvas.width === 0) {
      return;
    }
    const px = canvas.width;
    const live = scrubAt === null || !past;
    const source = live ? state : past;
    const version = live ? state?.version : past.seq;
    if (!layerOf || layerOf.source !== source || layerOf.version !== version || layerOf.px !== px) {
      layer.width = px;
      layer.height = px;
      const ctx = layer.getContext('2d');
      paintPaper(ctx, px);
      for (const stroke of shownStrokes()) {
        drawStroke(ctx, stroke, px);
      }
      layerOf = { source, version, px };
    }
    const ctx = canvas.getContext('2d');
    ctx.drawImage(layer, 0, 0);
    if (live && state) {
      for (const stroke of state.pending.values()) {
        drawStroke(ctx, stroke, px);
      }
      for (const stroke of state.previews.values()) {
        drawStroke(ctx, stroke, px);
      }
    }
    if (drag) {
      drawStroke(ctx, drag.current, px);
    }
  }

  /** The test hooks and what assistive technology is told, from the live canvas and the slider. */
  function update() {
    const room = roomId ? store.room(roomId) : null;
    const seq = state?.seq ?? 0;
    const strokes = state?.strokeCount ?? 0;
    canvas.dataset.seq = String(seq);
    canvas.dataset.strokes = String(strokes);
    canvas.dataset.pending = String(state?.pending.size ?? 0);
    canvas.dataset.previews = String(state?.previews.size ?? 0);
    canvas.dataset.loaded = state?.loaded ? 'true' : 'false';
    canvas.dataset.view = scrubAt === null ? 'live' : 'history';
    time.max = String(seq);
    if (scrubAt === null) {
      time.value = String(seq);
    }
    const step = scrubAt === null ? 'Live' : `Step ${scrubAt} of ${seq}`;
    when.textContent = step;
    time.setAttribute('aria-valuetext', step);
    liveButton.hidden = scrubAt === null;
    const shown = scrubAt !== null && past ? past.strokes.length : strokes;
    const name = room ? `Shared canvas of ${label(room)}` : 'Shared canvas';
    canvas.setAttribute('aria-label', !state?.loaded ? `${name}, loading`
      : `${name}${scrubAt === null ? '' : ` at step ${scrubAt}`}: ${shown} ${shown === 1 ? 'stroke' : 'strokes'}`);
    const me = store.me?.id;
    setEnabled(undoButton, Boolean(state?.loaded && state.canUndo(me)));
    // Whether a redo finds something only the server knows: a loaded canvas leaves undone strokes out.
    setEnabled(redoButton, Boolean(state?.loaded));
    setEnabled(clearButton, Boolean(state?.loaded && strokes > 0));
  }

  /** aria-disabled rather than disabled: a button that turns off under the keyboard keeps the focus. */
  function setEnabled(button, on) {
    button.setAttribute('aria-disabled', on ? 'false' : 'true');
  }

  function say(text) {
    clearTimeout(statusTimer);
    status.textContent = text;
    statusTimer = setTimeout(() => {
      status.textContent = '';
    }, STATUS_SHOWS_MS);
  }

  // ---- the pen ----

  function pointOf(event) {
    const rect = canvas.getBoundingClientRect();
    return toSketchPoint(event.clientX - rect.left, event.clientY - rect.top, rect.width);
  }

  function addPoint(event) {
    const finished = drag.add(pointOf(event));
    if (finished) {
      // The drag reached the most points a stroke may have: that part is stored, the drag goes on in a new stroke.
      client.sketchStroke(dragRoomId, finished);
    }
  }

  function sendPreviewSoon() {
    if (previewTimer !== null) {
      return;
    }
    previewTimer = setTimeout(() => {
      previewTimer = null;
      const part = drag?.takeUnsent();
      if (part) {
        lastPreviewAt = Date.now();
        client.sketchDraw(dragRoomId, part);
      }
    }, Math.max(0, PREVIEW_EVERY_MS - (Date.now() - lastPreviewAt)));
  }

  function endDrag(event, withPoint) {
    if (drag === null || event.pointerId !== pointerId) {
      return;
    }
    if (withPoint) {
      addPoint(event);
    }
    clearTimeout(previewTimer);
    previewTimer = null;
    const last = drag.finish();
    const id = dragRoomId;
    drag = null;
    dragRoomId = null;
    if (canvas.hasPointerCapture?.(pointerId)) {
      canvas.releasePointerCapture(pointerId);
    }
    pointerId = null;
    if (last && !client.sketchStroke(id, last)) {
      say('This stroke could not be sent.');
    }
    queueRender();
  }

  canvas.addEventListener('pointerdown', (event) => {
    if (drag !== null || !event.isPrimary || event.button !== 0 || !roomId || !state?.loaded) {
      return;
    }
    event.preventDefault();
    if (scrubAt !== null) {
      goLive();
    }
    canvas.focus({ preventScroll: true });
    try {
      // Keeps the stroke going when the pointer leaves the canvas mid-drag.
      canvas.setPointerCapture(event.pointerId);
    } catch {
      // not an active pointer any more: its pointerup ends the drag all the same
    }
    pointerId = event.pointerId;
    dragRoomId = roomId;
    drag = new Drag({ color: pen.color, width: pen.width });
    addPoint(event);
    sendPreviewSoon();
    queueRender();
  });
  canvas.addEventListener('pointermove', (event) => {
    if (drag === null || event.pointerId !== pointerId) {
      return;
    }
    // A pen or a fast mouse reports more positions than frames: take them all for a smooth line.
    const events = event.getCoalescedEvents?.() ?? [];
    for (const each of events.length ? events : [event]) {
      addPoint(each);
    }
    sendPreviewSoon();
    queueRender();
  });
  canvas.addEventListener('pointerup', (event) => endDrag(event, true));
  canvas.addEventListener('pointercancel', (event) => endDrag(event, false));
  canvas.addEventListener('lostpointercapture', (event) => endDrag(event, false));

  color.addEventListener('input', () => {
    if (isColor(color.value)) {
      pen.color = color.value.toLowerCase();
    }
  });
  width.addEventListener('input', () => {
    pen.width = clampWidth(width.value, pen.width);
    widthValue.textContent = String(pen.width);
  });

  // ---- undo, redo, clear ----

  function undo() {
    if (roomId && undoButton.getAttribute('aria-disabled') !== 'true') {
      goLive();
      client.sketchUndo(roomId);
    }
  }

  function redo() {
    if (roomId && redoButton.getAttribute('aria-disabled') !== 'true') {
      goLive();
      client.sketchRedo(roomId);
    }
  }

  async function clear() {
    const id = roomId;
    const room = id ? store.room(id) : null;
    if (!room || clearButton.getAttribute('aria-disabled') === 'true') {
      return;
    }
    if (await confirmDialog({
      title: 'Clear the canvas?',
      text: `Everyone in ${label(room)} sees an empty canvas. What was drawn stays reachable with the History slider.`,
      confirmLabel: 'Clear canvas',
      danger: true,
    })) {
      goLive();
      client.sketchClear(id);
    }
  }

  // Only while focus is in the panel: in the message box, Ctrl+Z undoes typing.
  el.addEventListener('keydown', (event) => {
    if (!(event.ctrlKey || event.metaKey) || event.altKey) {
      return;
    }
    const key = event.key.toLowerCase();
    if (key === 'z') {
      event.preventDefault();
      if (event.shiftKey) {
        redo();
      } else {
        undo();
      }
    } else if (key === 'y' && !event.shiftKey) {
      event.preventDefault();
      redo();
    }
  });

  // ---- time travel ----

  time.addEventListener('input', () => {
    const at = Number(time.value);
    if (!state?.loaded || at >= state.seq) {
      goLive();
      return;
    }
    scrubAt = at;
    update();
    clearTimeout(scrubTimer);
    scrubTimer = setTimeout(() => loadPast(at), SCRUB_DEBOUNCE_MS);
  });

  async function loadPast(at) {
    const ticket = ++scrubTicket;
    const id = roomId;
    try {
      const snapshot = await client.sketchAt(id, at);
      if (ticket !== scrubTicket || id !== roomId || scrubAt === null) {
        return;
      }
      past = { seq: Number.isInteger(snapshot.seq) ? snapshot.seq : at, strokes: snapshot.strokes ?? [] };
      update();
      queueRender();
    } catch (error) {
      if (ticket === scrubTicket) {
        say(error instanceof ApiError ? error.friendly : 'The canvas at that time could not be loaded.');
      }
    }
  }

  function goLive() {
    clearTimeout(scrubTimer);
    scrubTicket += 1;
    const wasPast = scrubAt !== null;
    scrubAt = null;
    past = null;
    if (wasPast) {
      update();
      queueRender();
    }
  }

  // ---- export ----

  function fileName(extension) {
    const room = roomId ? store.room(roomId) : null;
    const name = (room?.name ?? 'canvas').replace(/[^\p{L}\p{N}_-]+/gu, '-');
    return `sketch-${name}${scrubAt === null ? '' : `-at-${scrubAt}`}.${extension}`;
  }

  async function exportSvg() {
    if (!roomId) {
      return;
    }
    try {
      download(await client.sketchSvg(roomId, scrubAt ?? undefined), fileName('svg'));
    } catch (error) {
      say(error instanceof ApiError ? error.friendly : 'The SVG could not be made.');
    }
  }

  /** What shows (stored strokes, live or at the slider's seq), on white, EXPORT_PX wide. */
  function exportPng() {
    const out = document.createElement('canvas');
    out.width = EXPORT_PX;
    out.height = EXPORT_PX;
    const ctx = out.getContext('2d');
    paintPaper(ctx, EXPORT_PX);
    for (const stroke of shownStrokes()) {
      drawStroke(ctx, stroke, EXPORT_PX);
    }
    const name = fileName('png');
    out.toBlob((blob) => {
      if (blob) {
        download(blob, name);
      } else {
        say('The PNG could not be made.');
      }
    }, 'image/png');
  }

  // ---- which room, open or not ----

  /** Shows the canvas of a room one is a member of (null: none), if it is open for that room. */
  function show(id) {
    if (drag !== null) {
      endDrag({ pointerId }, false);
    }
    if (id !== roomId) {
      goLive();
      clearTimeout(statusTimer);
      status.textContent = '';
    }
    roomId = id;
    const open = isOpen();
    el.hidden = !open;
    state = open ? client.openSketch(id) : null;
    update();
    if (open) {
      fit();
      queueRender();
    }
  }

  function isOpen() {
    return roomId !== null && openRooms.has(roomId) && store.room(roomId) !== null;
  }

  function toggle() {
    if (!roomId) {
      return;
    }
    if (openRooms.has(roomId)) {
      openRooms.delete(roomId);
    } else {
      openRooms.add(roomId);
    }
    show(roomId);
    onToggle(isOpen());
  }

  const unsubscribe = [
    store.on('sketch', ({ roomId: id }) => {
      if (id === roomId && !el.hidden) {
        state = store.sketches.get(id) ?? state;
        update();
        queueRender();
      }
    }),
    store.on('sketch-preview', ({ roomId: id }) => {
      if (id === roomId && !el.hidden) {
        canvas.dataset.previews = String(state?.previews.size ?? 0);
        queueRender();
      }
    }),
    store.on('sketch-error', ({ roomId: id, text }) => {
      if (id === roomId && !el.hidden) {
        say(text);
      }
    }),
  ];

  return {
    el,
    show,
    toggle,
    isOpen,
    destroy() {
      resizeObserver.disconnect();
      clearTimeout(scrubTimer);
      clearTimeout(previewTimer);
      clearTimeout(statusTimer);
      unsubscribe.forEach((off) => off());
    },
  };
}
