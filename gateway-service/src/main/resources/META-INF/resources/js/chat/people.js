// People: who is online, the members of rooms, and presence changes.

import { ApiError } from '../api.js';
import { withRetries } from './retry.js';

/** Online users asked for at once; a full page means there may be more, so nobody is marked offline from it. */
const ONLINE_PAGE = 200;
/** Several member changes in a row make one reload after this pause. */
const MEMBERS_RELOAD_AFTER_MS = 200;

export class People {
  #ctx;
  #membersTimers = new Map();

  /** @param ctx the client's parts: {api, store, report, rooms} */
  constructor(ctx) {
    this.#ctx = ctx;
  }

  stop() {
    for (const timer of this.#membersTimers.values()) {
      clearTimeout(timer);
    }
  }

  forgetRoom(roomId) {
    clearTimeout(this.#membersTimers.get(roomId));
    this.#membersTimers.delete(roomId);
  }

  async loadOnlineUsers() {
    const { api, store } = this.#ctx;
    const limit = ONLINE_PAGE;
    try {
      const online = await withRetries(() => api.users({ online: true, limit }), { attempts: 3 });
      const ids = new Set(online.map((u) => u.id));
      for (const user of online) {
        store.noteUser(user.id, user.username, true);
      }
      if (online.length < limit) {
        for (const user of store.users.values()) {
          if (user.online && !ids.has(user.id) && user.id !== store.me.id) {
            user.online = false;
          }
        }
      }
      store.emit('presence', {});
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 401) {
        // Presence is a nicety: the chat works without it, so no alarm for the person.
        console.warn('online users could not be loaded', error);
      }
    }
  }

  async loadMembers(roomId) {
    const { api, store, rooms } = this.#ctx;
    try {
      if (!rooms.isCurrent(roomId)) {
        return;
      }
      const members = await withRetries(() => api.members(roomId), {
        attempts: 3,
        stillWanted: () => rooms.isCurrent(roomId),
      });
      if (!rooms.isCurrent(roomId)) {
        return;
      }
      for (const member of members) {
        store.noteUser(member.id, member.username, typeof member.online === 'boolean' ? member.online : undefined);
      }
      store.members.set(roomId, members.map((m) => ({ id: m.id, username: m.username, role: m.role })));
      store.emit('members', { roomId });
      store.emit('presence', {});
    } catch (error) {
      // A member list is a side panel: a failure shows as a list not yet there, not as an alarm.
      if (!(error instanceof ApiError)) {
        this.#ctx.report(error);
      }
    }
  }

  /** Several member changes in a row make one reload. */
  loadMembersSoon(roomId) {
    clearTimeout(this.#membersTimers.get(roomId));
    this.#membersTimers.set(roomId, setTimeout(() => {
      this.#membersTimers.delete(roomId);
      this.loadMembers(roomId);
    }, MEMBERS_RELOAD_AFTER_MS));
  }

  search(text) {
    return this.#ctx.api.users({ query: text, limit: 20 });
  }

  /** A `presence` frame: someone came online or went offline. */
  onPresence(frame) {
    const { store } = this.#ctx;
    store.noteUser(frame.userId, frame.username, frame.status === 'online');
    // New accounts join the general room without a `member` frame: someone unknown coming online there is one.
    for (const [roomId, roster] of store.members) {
      if (store.rooms.get(roomId)?.kind === 'general' && !roster.some((m) => m.id === frame.userId)) {
        this.loadMembersSoon(roomId);
      }
    }
    store.emit('presence', { userId: frame.userId });
  }
}
