// The caller's rooms: loading the list (one request at a time), merging it with what live frames said since,
// rooms coming and going (created, joined, left, deleted, a direct room opened), and messages of rooms the list
// does not have yet.

import { applyRoomSettings } from '../logic/room-settings.js';
import { takesJoinRequests } from '../logic/rooms.js';
import { mergeRoom } from '../logic/unread.js';
import { withRetries } from './retry.js';

/** Messages of rooms not yet in the list are kept, this many at most, until the list has their room. */
const ORPHANS_MAX = 1000;
/** Several events in a row (two `member` frames of a new direct room) make one reload after this pause. */
const RELOAD_AFTER_MS = 150;

export class RoomList {
  #ctx;
  #orphans = [];
  #loading = null;
  #again = false;
  #timer = null;

  /** @param ctx the client's parts: {api, store, notice, report, messages, outbox, uploads, people, joinRequests, typing, sketch} */
  constructor(ctx) {
    this.#ctx = ctx;
  }

  stop() {
    clearTimeout(this.#timer);
  }

  /** Loads the caller's rooms; concurrent callers share one request, and a call during one asks for another after it. */
  load() {
    if (this.#loading) {
      this.#again = true;
      return this.#loading;
    }
    this.#loading = (async () => {
      do {
        this.#again = false;
        const startedAt = Date.now();
        const list = await withRetries(() => this.#ctx.api.rooms('mine'), { attempts: 3 });
        this.#apply(list, startedAt);
      } while (this.#again);
    })().finally(() => {
      this.#loading = null;
    });
    return this.#loading;
  }

  /** Several events in a row make one reload. */
  loadSoon() {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.load().catch((error) => this.#ctx.report(error)), RELOAD_AFTER_MS);
  }

  #apply(list, startedAt) {
    const { store, messages, joinRequests } = this.#ctx;
    const listed = new Set();
    for (const room of list) {
      listed.add(room.id);
      this.merge(room);
    }
    for (const [roomId, room] of store.rooms) {
      // A room added locally after the request left (just created or joined) is not gone.
      if (!listed.has(roomId) && (room.addedAt ?? 0) < startedAt) {
        this.remove(roomId, null);
      }
    }
    const orphans = this.#orphans;
    this.#orphans = [];
    for (const message of orphans) {
      if (store.rooms.has(message.roomId)) {
        messages.accept(message, true);
      }
    }
    for (const room of store.rooms.values()) {
      if (takesJoinRequests(room) && !store.joinRequests.has(room.id)) {
        joinRequests.load(room.id);
      }
      if (store.logs.get(room.id)?.loaded) {
        messages.fillGaps(room.id);
      }
    }
    store.emit('rooms');
  }

  /** Takes a room from the server (see mergeRoom for whose counts win). */
  merge(incoming) {
    const { store } = this.#ctx;
    const known = store.rooms.get(incoming.id);
    const room = mergeRoom(known, incoming, { log: store.logs.get(incoming.id), myId: store.me.id, now: Date.now() });
    if (incoming.peer) {
      store.noteUser(incoming.peer.id, incoming.peer.username);
    }
    store.rooms.set(room.id, room);
    return room;
  }

  /** A `room` frame with event `updated` (or the owner's PATCH answer): topic, retention and system lines, in place. */
  applySettings(roomId, update) {
    const { store } = this.#ctx;
    const room = store.rooms.get(roomId);
    if (!room) {
      return;
    }
    store.rooms.set(roomId, applyRoomSettings(room, update));
    store.emit('rooms');
    store.emit('room-settings', { roomId });
  }

  /** The owner changes a room's settings ({topic?, retention?, systemLines?}); resolves to the room as it now is. */
  async updateSettings(roomId, patch) {
    const room = await this.#ctx.api.updateRoom(roomId, patch);
    if (room && typeof room === 'object') {
      // The `room` updated frame says the same; whichever comes first shows it.
      this.applySettings(roomId, room);
    }
    return room;
  }

  /** A message of a room we do not know yet (joined elsewhere, a new direct room): counted once the list has it. */
  keepUntilListed(message) {
    if (this.#orphans.length < ORPHANS_MAX) {
      this.#orphans.push(message);
    }
    this.loadSoon();
  }

  /** Forgets a room and everything about it; `notice(room)`, if given, says why. */
  remove(roomId, notice) {
    const { store, outbox, uploads, messages, people, typing, sketch } = this.#ctx;
    const room = store.rooms.get(roomId);
    if (!room) {
      return;
    }
    outbox.forgetRoom(roomId);
    uploads.forgetRoom(roomId);
    sketch.forgetRoom(roomId);
    messages.forgetRoom(roomId);
    people.forgetRoom(roomId);
    typing.forgetRoom(roomId);
    store.rooms.delete(roomId);
    store.logs.delete(roomId);
    store.members.delete(roomId);
    store.joinRequests.delete(roomId);
    store.typing.delete(roomId);
    if (notice) {
      this.#ctx.notice(notice(room));
    }
    store.emit('rooms');
    store.emit('room-removed', { roomId });
  }

  /** A room we are in and that is not on its way out. */
  isCurrent(roomId) {
    const room = this.#ctx.store.rooms.get(roomId);
    return room !== undefined && !room.closing;
  }

  async create({ name, topic, visibility, password }) {
    const room = await this.#ctx.api.createRoom({ name, topic, visibility, password });
    this.merge({ ...room, member: true, role: 'owner', unread: 0, readSeq: 0, lastSeq: room.lastSeq ?? 0 });
    this.#ctx.store.emit('rooms');
    return room;
  }

  /** 'member' or 'pending' (a private room: the owner was asked). */
  async join(roomId, password) {
    const answer = await this.#ctx.api.join(roomId, password);
    if (answer?.status === 'member') {
      await this.load();
      return 'member';
    }
    return 'pending';
  }

  leave(roomId) {
    return this.#closeWith(roomId, () => this.#ctx.api.leave(roomId));
  }

  delete(roomId) {
    return this.#closeWith(roomId, () => this.#ctx.api.deleteRoom(roomId));
  }

  /** Leaving or deleting: from the start nothing asks about the room (any later request would only find it gone). */
  async #closeWith(roomId, call) {
    const room = this.#ctx.store.rooms.get(roomId);
    if (room) {
      room.closing = true;
    }
    try {
      await call();
    } catch (error) {
      if (room) {
        room.closing = false;
      }
      throw error;
    }
    this.remove(roomId, null);
  }

  /** The direct room with a person (created on first use); resolves to its id. */
  async openDirect(userId) {
    const room = await this.#ctx.api.openDirect(userId);
    this.merge({ ...room, kind: 'direct', member: true });
    this.#ctx.store.emit('rooms');
    return room.id;
  }
}
