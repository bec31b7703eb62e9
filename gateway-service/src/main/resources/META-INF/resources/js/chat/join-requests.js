// Join requests to private rooms, for their owners: the list, approving or rejecting, and new requests as they come.

import { ApiError } from '../api.js';
import { label } from '../logic/rooms.js';
import { withRetries } from './retry.js';

export class JoinRequests {
  #ctx;

  /** @param ctx the client's parts: {api, store, notice, report, rooms} */
  constructor(ctx) {
    this.#ctx = ctx;
  }

  async load(roomId) {
    const { api, store, rooms } = this.#ctx;
    try {
      if (!rooms.isCurrent(roomId)) {
        return;
      }
      const requests = await withRetries(() => api.joinRequests(roomId), {
        attempts: 3,
        stillWanted: () => rooms.isCurrent(roomId),
      });
      store.joinRequests.set(roomId, requests.map((r) => ({ userId: r.userId, username: r.username })));
      store.emit('join-requests', { roomId });
    } catch (error) {
      // The list is fetched again when the dialog opens; a frame brings each new request anyway.
      if (!(error instanceof ApiError)) {
        this.#ctx.report(error);
      }
    }
  }

  async decide(roomId, userId, approve) {
    const { api, store } = this.#ctx;
    await api.decideJoinRequest(roomId, userId, approve);
    const list = store.joinRequests.get(roomId) ?? [];
    store.joinRequests.set(roomId, list.filter((r) => r.userId !== userId));
    store.emit('join-requests', { roomId });
  }

  /** Someone joined a room (approved here, elsewhere, or with the password): their request is settled. */
  joined(roomId, userId) {
    const { store } = this.#ctx;
    const requests = store.joinRequests.get(roomId);
    if (requests?.some((r) => r.userId === userId)) {
      store.joinRequests.set(roomId, requests.filter((r) => r.userId !== userId));
      store.emit('join-requests', { roomId });
    }
  }

  /** A `join-request` frame: someone asks to join a room we own. */
  onFrame(frame) {
    const { store } = this.#ctx;
    const list = store.joinRequests.get(frame.roomId) ?? [];
    if (!list.some((r) => r.userId === frame.userId)) {
      list.push({ userId: frame.userId, username: frame.username });
      store.joinRequests.set(frame.roomId, list);
      const room = store.rooms.get(frame.roomId);
      this.#ctx.notice(`${frame.username} asks to join ${room ? label(room) : 'your room'}.`);
      store.emit('join-requests', { roomId: frame.roomId });
    }
  }
}
