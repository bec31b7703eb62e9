// Read markers: one's own marker moved when a room's newest messages are on screen, and moved by one's other
// connections (another tab, a phone).

import { applyReadElsewhere, markAllRead } from '../logic/unread.js';

export class ReadMarkers {
  #ctx;

  /** @param ctx the client's parts: {api, store, socket, rooms} */
  constructor(ctx) {
    this.#ctx = ctx;
  }

  /** Moves the read marker to the newest message of a room that is on screen. */
  markRead(roomId) {
    const { store, socket, api } = this.#ctx;
    const room = store.rooms.get(roomId);
    if (!room) {
      return;
    }
    const seq = markAllRead(room);
    if (seq === null) {
      return;
    }
    store.emit('rooms');
    if (seq > 0 && !socket.send({ type: 'read', roomId, seq })) {
      api.markRead(roomId, seq).catch(() => {
        // The marker moves with the next read; a lost one only means a badge the server still counts.
      });
    }
  }

  /** A `read` frame: read on another of one's own connections (another tab, a phone) clears the badge here too. */
  onRead(frame) {
    const { store, rooms } = this.#ctx;
    if (frame.userId !== store.me.id) {
      return;
    }
    const room = store.rooms.get(frame.roomId);
    if (!room) {
      return;
    }
    const outcome = applyReadElsewhere(room, frame.seq, store.logs.get(frame.roomId), store.me.id);
    if (outcome === 'unchanged') {
      return;
    }
    if (outcome === 'unknown') {
      rooms.loadSoon();
    }
    store.emit('rooms');
  }
}
