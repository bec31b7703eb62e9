// The client's behaviour: turns frames and REST answers into state, and the person's actions into frames
// and calls. Views read the Store and call these methods; nothing else changes the state.
//
// Counting rule, the heart of "nothing missed, nothing twice": each room keeps lastSeq, the highest seq the
// client has accounted for (in its unread count or on screen). A message at or below it changes no count;
// logs are keyed by seq, so a message that arrives twice (history and live, resume and live) shows once.

import { ApiError } from './api.js';
import { SessionEnded } from './session.js';
import { ChatSocket } from './socket.js';

const PAGE_SIZE = 50;
const GAP_PAGE_MAX = 200;
const ACK_TIMEOUT_MS = 15_000;
/** Typing notices go out at most this often per room (the server forwards at most one per 2 s anyway). */
const TYPING_EVERY_MS = 2_500;
/** How long a typing notice shows without a new one. */
const TYPING_SHOWS_MS = 4_000;
/** Live frames may briefly arrive out of order (an ack before the message before it): wait before fetching a gap. */
const GAP_GRACE_MS = 800;
const MAX_TEXT = 4000;

/** Worth trying again: no answer at all, or the contract's 503 service_unavailable (a service was slow). */
function isTransient(error) {
  return error instanceof ApiError && (error.status === 0 || error.status === 503);
}

/** Calls `load` until it succeeds, a non-transient error, or `attempts` tries (1 s, 2 s, 4 s ... between them). */
async function withRetries(load, { attempts = 4, stillWanted = () => true } = {}) {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await load();
    } catch (error) {
      if (attempt >= attempts || !isTransient(error) || !stillWanted()) {
        throw error;
      }
      await new Promise((resolve) => {
        setTimeout(resolve, 1000 * 2 ** (attempt - 1));
      });
    }
  }
}

/** A client message id: unique, printable ASCII, made without crypto.randomUUID (absent on plain-http LAN pages). */
function newClientMsgId() {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return `c${Date.now().toString(36)}-${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

export class ChatClient {
  #orphans = [];
  #roomsLoading = null;
  #roomsAgain = false;
  #roomsTimer = null;
  #gapTimers = new Map();
  #gapFilling = new Set();
  #typingSentAt = new Map();
  #typingTimers = new Map();
  #sweepTimer = null;
  #membersTimers = new Map();
  #resuming = false;
  #welcomed = false;

  constructor({ api, session, store }) {
    this.api = api;
    this.session = session;
    this.store = store;
    this.socket = new ChatSocket(session, () => api.me());
  }

  async start() {
    const { store, socket } = this;
    store.me = { ...this.session.user };
    socket.addEventListener('state', (event) => {
      store.connection = event.detail;
      store.emit('connection', event.detail);
      // One's own presence dot follows the connection.
      store.emit('presence', { userId: store.me.id });
    });
    socket.addEventListener('frame', (event) => this.#onFrame(event.detail));
    socket.addEventListener('dropped', () => this.#onDropped());
    this.#sweepTimer = setInterval(() => this.#sweepTyping(), 1000);
    try {
      await this.loadRooms();
    } catch (error) {
      this.#report(error);
    }
    store.roomsLoaded = true;
    store.emit('rooms');
    this.loadOnlineUsers();
    socket.start();
  }

  stop() {
    this.socket.stop();
    clearInterval(this.#sweepTimer);
    clearTimeout(this.#roomsTimer);
    for (const timer of [...this.#gapTimers.values(), ...this.#typingTimers.values(), ...this.#membersTimers.values()]) {
      clearTimeout(timer);
    }
    for (const log of this.store.logs.values()) {
      for (const pending of log.pending.values()) {
        clearTimeout(pending.timer);
      }
    }
  }

  notice(text, kind = 'info') {
    this.store.emit('notice', { text, kind });
  }

  #report(error) {
    if (error instanceof ApiError) {
      if (error.status !== 401) {
        this.notice(error.friendly, 'error');
      }
    } else if (!(error instanceof SessionEnded)) {
      this.notice('Something went wrong. Please try again.', 'error');
    }
  }

  // ---- Rooms ----

  /** Loads the caller's rooms; concurrent callers share one request, and a call during one asks for another after it. */
  loadRooms() {
    if (this.#roomsLoading) {
      this.#roomsAgain = true;
      return this.#roomsLoading;
    }
    this.#roomsLoading = (async () => {
      do {
        this.#roomsAgain = false;
        const startedAt = Date.now();
        const list = await withRetries(() => this.api.rooms('mine'), { attempts: 3 });
        this.#applyRoomList(list, startedAt);
      } while (this.#roomsAgain);
    })().finally(() => {
      this.#roomsLoading = null;
    });
    return this.#roomsLoading;
  }

  /** Several events in a row (two `member` frames of a new direct room) make one reload. */
  loadRoomsSoon() {
    clearTimeout(this.#roomsTimer);
    this.#roomsTimer = setTimeout(() => this.loadRooms().catch((error) => this.#report(error)), 150);
  }

  #applyRoomList(list, startedAt) {
    const { store } = this;
    const listed = new Set();
    for (const room of list) {
      listed.add(room.id);
      this.#mergeRoom(room);
    }
    for (const [roomId, room] of store.rooms) {
      // A room added locally after the request left (just created or joined) is not gone.
      if (!listed.has(roomId) && (room.addedAt ?? 0) < startedAt) {
        this.#removeRoom(roomId, null);
      }
    }
    const orphans = this.#orphans;
    this.#orphans = [];
    for (const message of orphans) {
      if (store.rooms.has(message.roomId)) {
        this.#acceptMessage(message, true);
      }
    }
    for (const room of store.rooms.values()) {
      if (room.role === 'owner' && room.visibility === 'private' && !store.joinRequests.has(room.id)) {
        this.loadJoinRequests(room.id);
      }
      if (store.logs.get(room.id)?.loaded) {
        this.#fillGaps(room.id);
      }
    }
    store.emit('rooms');
  }

  /** Takes a room from the server. Counts come from whichever side has seen more: the list, or live frames since. */
  #mergeRoom(incoming) {
    const { store } = this;
    const known = store.rooms.get(incoming.id);
    const room = {
      ...known,
      ...incoming,
      name: incoming.kind === 'direct' && incoming.peer?.username ? incoming.peer.username : incoming.name,
      lastSeq: incoming.lastSeq ?? known?.lastSeq ?? 0,
      unread: incoming.unread ?? known?.unread ?? 0,
      readSeq: incoming.readSeq ?? known?.readSeq ?? 0,
      lastMessage: incoming.lastMessage ?? known?.lastMessage ?? null,
    };
    if (known && known.lastSeq > room.lastSeq) {
      room.lastSeq = known.lastSeq;
      room.unread = known.unread;
      room.readSeq = Math.max(known.readSeq, room.readSeq);
      room.lastMessage = known.lastMessage;
    } else if (known && known.readSeq > room.readSeq) {
      // A list asked for before our read marker moved: its count is stale.
      room.readSeq = known.readSeq;
      const counted = store.logs.get(room.id)?.countOthersAfter(room.readSeq, store.me.id);
      room.unread = room.readSeq >= room.lastSeq ? 0 : counted ?? Math.min(room.unread, known.unread);
    }
    if (!known) {
      room.addedAt = Date.now();
    }
    if (incoming.peer) {
      store.noteUser(incoming.peer.id, incoming.peer.username);
    }
    store.rooms.set(room.id, room);
    return room;
  }

  #removeRoom(roomId, notice) {
    const { store } = this;
    const room = store.rooms.get(roomId);
    if (!room) {
      return;
    }
    for (const pending of store.logs.get(roomId)?.pending.values() ?? []) {
      clearTimeout(pending.timer);
    }
    for (const timers of [this.#gapTimers, this.#membersTimers, this.#typingTimers]) {
      clearTimeout(timers.get(roomId));
      timers.delete(roomId);
    }
    store.rooms.delete(roomId);
    store.logs.delete(roomId);
    store.members.delete(roomId);
    store.joinRequests.delete(roomId);
    store.typing.delete(roomId);
    if (notice) {
      this.notice(notice(room));
    }
    store.emit('rooms');
    store.emit('room-removed', { roomId });
  }

  async createRoom({ name, topic, visibility, password }) {
    const room = await this.api.createRoom({ name, topic, visibility, password });
    this.#mergeRoom({ ...room, member: true, role: 'owner', unread: 0, readSeq: 0, lastSeq: room.lastSeq ?? 0 });
    this.store.emit('rooms');
    return room;
  }

  /** 'member' or 'pending' (a private room: the owner was asked). */
  async joinRoom(roomId, password) {
    const answer = await this.api.join(roomId, password);
    if (answer?.status === 'member') {
      await this.loadRooms();
      return 'member';
    }
    return 'pending';
  }

  async leaveRoom(roomId) {
    const room = this.store.rooms.get(roomId);
    if (room) {
      room.closing = true;
    }
    try {
      await this.api.leave(roomId);
    } catch (error) {
      if (room) {
        room.closing = false;
      }
      throw error;
    }
    this.#removeRoom(roomId, null);
  }

  /** A room we are in and that is not on its way out. */
  #isCurrent(roomId) {
    const room = this.store.rooms.get(roomId);
    return room !== undefined && !room.closing;
  }

  async deleteRoom(roomId) {
    const room = this.store.rooms.get(roomId);
    // From now on nothing asks about this room: any later request would only find it gone.
    if (room) {
      room.closing = true;
    }
    try {
      await this.api.deleteRoom(roomId);
    } catch (error) {
      if (room) {
        room.closing = false;
      }
      throw error;
    }
    this.#removeRoom(roomId, null);
  }

  /** The direct room with a person (created on first use); resolves to its id. */
  async openDirect(userId) {
    const room = await this.api.openDirect(userId);
    this.#mergeRoom({ ...room, kind: 'direct', member: true });
    this.store.emit('rooms');
    return room.id;
  }

  // ---- Messages ----

  /** Makes a room the one on screen and loads what it needs. */
  openRoom(roomId) {
    const { store } = this;
    if (store.activeRoomId !== roomId) {
      store.activeRoomId = roomId;
      store.emit('active', { roomId });
    }
    const room = store.rooms.get(roomId);
    if (!room) {
      return;
    }
    const log = store.log(roomId);
    if (!log.loaded && !log.loading) {
      // First visit, or the first load failed: (again) the newest page.
      this.#loadLatest(roomId);
    } else if (log.loaded) {
      this.#fillGaps(roomId);
    }
    this.loadMembers(roomId);
    if (room.role === 'owner' && room.visibility === 'private') {
      this.loadJoinRequests(roomId);
    }
  }

  async #loadLatest(roomId) {
    const log = this.store.log(roomId);
    log.loading = true;
    log.error = null;
    try {
      const page = await withRetries(() => this.api.history(roomId, { limit: PAGE_SIZE }), {
        stillWanted: () => this.store.logs.get(roomId) === log,
      });
      page.messages.forEach((m) => this.#acceptHistory(m));
      log.hasMoreBefore = page.hasMore;
      log.loaded = true;
    } catch (error) {
      log.error = error instanceof ApiError ? error.friendly : 'The messages could not be loaded.';
    } finally {
      log.loading = false;
      this.store.emit('messages', { roomId });
    }
    if (log.loaded) {
      await this.#fillGaps(roomId);
    }
  }

  /** The page before the oldest message on screen (infinite scroll back through history, by seq). */
  async loadOlder(roomId) {
    const log = this.store.logs.get(roomId);
    if (!log?.loaded || log.loadingOlder || !log.hasMoreBefore || log.minSeq === null) {
      return;
    }
    log.loadingOlder = true;
    this.store.emit('messages', { roomId });
    try {
      const page = await this.api.history(roomId, { beforeSeq: log.minSeq, limit: PAGE_SIZE });
      page.messages.forEach((m) => this.#acceptHistory(m));
      log.hasMoreBefore = page.hasMore && page.messages.length > 0;
    } catch (error) {
      this.#report(error);
    } finally {
      log.loadingOlder = false;
      this.store.emit('messages', { roomId, older: true });
    }
  }

  /** Fetches any hole in an opened room's log, and its tail up to the room's lastSeq, from history. */
  async #fillGaps(roomId) {
    if (this.#gapFilling.has(roomId)) {
      return;
    }
    this.#gapFilling.add(roomId);
    try {
      for (;;) {
        const log = this.store.logs.get(roomId);
        const room = this.store.rooms.get(roomId);
        if (!log?.loaded || !room || room.closing) {
          return;
        }
        const gap = log.firstGap();
        const newest = log.maxSeq ?? 0;
        let after;
        let limit;
        if (gap) {
          after = gap.after;
          limit = Math.min(GAP_PAGE_MAX, gap.before - gap.after - 1);
        } else if (room.lastSeq > newest && !this.#resuming) {
          after = newest;
          limit = Math.min(GAP_PAGE_MAX, room.lastSeq - newest);
        } else {
          return;
        }
        const page = await this.api.history(roomId, { afterSeq: after, limit });
        page.messages.forEach((m) => this.#acceptHistory(m));
        this.store.emit('messages', { roomId });
        if (page.messages.length === 0) {
          return;
        }
      }
    } catch (error) {
      if (isTransient(error)) {
        // Gaps must not stay: try again shortly, quietly.
        this.#gapTimers.set(roomId, setTimeout(() => {
          this.#gapTimers.delete(roomId);
          this.#fillGaps(roomId);
        }, 2000));
      } else if (!(error instanceof ApiError && (error.status === 403 || error.status === 404))) {
        this.#report(error);
      }
    } finally {
      this.#gapFilling.delete(roomId);
    }
  }

  #scheduleGapCheck(roomId) {
    if (!this.store.logs.get(roomId)?.loaded || this.#gapTimers.has(roomId)) {
      return;
    }
    this.#gapTimers.set(roomId, setTimeout(() => {
      this.#gapTimers.delete(roomId);
      if (!this.#resuming) {
        this.#fillGaps(roomId);
      }
    }, GAP_GRACE_MS));
  }

  /** A message from history: shown, never counted as unread (the list's count already holds it, or it is on screen). */
  #acceptHistory(message) {
    const { store } = this;
    const room = store.rooms.get(message.roomId);
    const log = store.logs.get(message.roomId);
    if (!room || !log) {
      return;
    }
    store.noteUser(message.sender?.id, message.sender?.username);
    log.insert(message);
    this.#settlePending(log, message);
    if (message.seq > room.lastSeq) {
      room.lastSeq = message.seq;
      room.lastMessage = message;
    }
  }

  /** A live (or resumed) message: shown if its room is open, counted once. */
  #acceptMessage(message, live) {
    const { store } = this;
    const room = store.rooms.get(message.roomId);
    if (!room) {
      return;
    }
    const own = message.sender?.id === store.me.id;
    store.noteUser(message.sender?.id, message.sender?.username);
    const log = store.logs.get(message.roomId);
    if (log) {
      log.insert(message);
      this.#settlePending(log, message);
    }
    if (message.seq > room.lastSeq) {
      room.lastSeq = message.seq;
      room.lastMessage = message;
      if (own) {
        // Sending moves the sender's read marker on the server.
        room.readSeq = message.seq;
        room.unread = 0;
      } else if (message.seq > room.readSeq) {
        room.unread += 1;
      }
    }
    const typing = store.typing.get(message.roomId);
    if (typing?.delete(message.sender?.id)) {
      store.emit('typing', { roomId: message.roomId });
    }
    if (log) {
      store.emit('messages', { roomId: message.roomId });
      if (live && !this.#resuming) {
        this.#scheduleGapCheck(message.roomId);
      }
    }
    store.emit('rooms');
  }

  #settlePending(log, message) {
    if (message.clientMsgId && message.sender?.id === this.store.me.id) {
      const pending = log.pending.get(message.clientMsgId);
      if (pending) {
        clearTimeout(pending.timer);
        log.pending.delete(message.clientMsgId);
      }
    }
  }

  /** Shows the message at once as pending; it turns to sent on ack, or failed (with retry) on error. */
  send(roomId, text) {
    if (!text.trim() || [...text].length > MAX_TEXT || !this.store.rooms.has(roomId)) {
      return false;
    }
    const pending = {
      clientMsgId: newClientMsgId(),
      roomId,
      text,
      status: 'pending',
      error: null,
      createdAt: new Date().toISOString(),
      timer: null,
    };
    this.#stopTyping(roomId);
    this.store.log(roomId).pending.set(pending.clientMsgId, pending);
    this.store.emit('messages', { roomId, sent: true });
    this.#transmit(pending);
    return true;
  }

  /** Sends a failed message again with the same clientMsgId: stored once, whatever happened before. */
  retry(roomId, clientMsgId) {
    const pending = this.store.logs.get(roomId)?.pending.get(clientMsgId);
    if (!pending) {
      return;
    }
    pending.status = 'pending';
    pending.error = null;
    this.store.emit('messages', { roomId, sent: true });
    this.#transmit(pending);
  }

  #transmit(pending) {
    clearTimeout(pending.timer);
    // Offline: it stays pending and goes out after the next welcome.
    if (this.socket.send({ type: 'send', roomId: pending.roomId, clientMsgId: pending.clientMsgId, text: pending.text })) {
      pending.timer = setTimeout(() => this.#fail(pending, 'No answer from the server.'), ACK_TIMEOUT_MS);
    }
  }

  #fail(pending, reason) {
    clearTimeout(pending.timer);
    const log = this.store.logs.get(pending.roomId);
    if (!log?.pending.has(pending.clientMsgId)) {
      return;
    }
    pending.status = 'failed';
    pending.error = reason;
    this.store.emit('messages', { roomId: pending.roomId });
  }

  #flushOutbox() {
    for (const log of this.store.logs.values()) {
      for (const pending of log.pending.values()) {
        if (pending.status === 'pending') {
          this.#transmit(pending);
        }
      }
    }
  }

  #onDropped() {
    this.#resuming = false;
    // Sends in flight get no ack on a dead socket; they are sent again, with the same ids, after the next welcome.
    for (const log of this.store.logs.values()) {
      for (const pending of log.pending.values()) {
        clearTimeout(pending.timer);
      }
    }
  }

  /** Moves the read marker to the newest message of a room that is on screen. */
  markRead(roomId) {
    const room = this.store.rooms.get(roomId);
    if (!room || (room.lastSeq <= room.readSeq && room.unread === 0)) {
      return;
    }
    const seq = room.lastSeq;
    room.readSeq = seq;
    room.unread = 0;
    this.store.emit('rooms');
    if (seq > 0 && !this.socket.send({ type: 'read', roomId, seq })) {
      this.api.markRead(roomId, seq).catch(() => {
        // The marker moves with the next read; a lost one only means a badge the server still counts.
      });
    }
  }

  /**
   * Tells the room's other members that one is typing, at most every few seconds. A keystroke inside that
   * window is not dropped but sent when it ends: right after one's message the others have just cleared the
   * indicator (a message ends typing), and someone who goes on typing must show up again.
   */
  typing(roomId) {
    if (this.#typingTimers.has(roomId)) {
      return;
    }
    const wait = (this.#typingSentAt.get(roomId) ?? 0) + TYPING_EVERY_MS - Date.now();
    if (wait <= 0) {
      this.#sendTyping(roomId);
      return;
    }
    this.#typingTimers.set(roomId, setTimeout(() => {
      this.#typingTimers.delete(roomId);
      this.#sendTyping(roomId);
    }, wait));
  }

  #sendTyping(roomId) {
    if (this.socket.send({ type: 'typing', roomId })) {
      this.#typingSentAt.set(roomId, Date.now());
    }
  }

  /** Sending ends typing; a notice still waiting would announce typing that is over. */
  #stopTyping(roomId) {
    clearTimeout(this.#typingTimers.get(roomId));
    this.#typingTimers.delete(roomId);
  }

  // ---- People ----

  async loadOnlineUsers() {
    const limit = 200;
    try {
      const online = await withRetries(() => this.api.users({ online: true, limit }), { attempts: 3 });
      const ids = new Set(online.map((u) => u.id));
      for (const user of online) {
        this.store.noteUser(user.id, user.username, true);
      }
      if (online.length < limit) {
        for (const user of this.store.users.values()) {
          if (user.online && !ids.has(user.id) && user.id !== this.store.me.id) {
            user.online = false;
          }
        }
      }
      this.store.emit('presence', {});
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 401) {
        // Presence is a nicety: the chat works without it, so no alarm for the person.
        console.warn('online users could not be loaded', error);
      }
    }
  }

  async loadMembers(roomId) {
    try {
      if (!this.#isCurrent(roomId)) {
        return;
      }
      const members = await withRetries(() => this.api.members(roomId), {
        attempts: 3,
        stillWanted: () => this.#isCurrent(roomId),
      });
      if (!this.#isCurrent(roomId)) {
        return;
      }
      for (const member of members) {
        this.store.noteUser(member.id, member.username, typeof member.online === 'boolean' ? member.online : undefined);
      }
      this.store.members.set(roomId, members.map((m) => ({ id: m.id, username: m.username, role: m.role })));
      this.store.emit('members', { roomId });
      this.store.emit('presence', {});
    } catch (error) {
      // A member list is a side panel: a failure shows as a list not yet there, not as an alarm.
      if (!(error instanceof ApiError)) {
        this.#report(error);
      }
    }
  }

  #loadMembersSoon(roomId) {
    clearTimeout(this.#membersTimers.get(roomId));
    this.#membersTimers.set(roomId, setTimeout(() => {
      this.#membersTimers.delete(roomId);
      this.loadMembers(roomId);
    }, 200));
  }

  searchUsers(text) {
    return this.api.users({ query: text, limit: 20 });
  }

  // ---- Join requests (owners) ----

  async loadJoinRequests(roomId) {
    try {
      if (!this.#isCurrent(roomId)) {
        return;
      }
      const requests = await withRetries(() => this.api.joinRequests(roomId), {
        attempts: 3,
        stillWanted: () => this.#isCurrent(roomId),
      });
      this.store.joinRequests.set(roomId, requests.map((r) => ({ userId: r.userId, username: r.username })));
      this.store.emit('join-requests', { roomId });
    } catch (error) {
      // The list is fetched again when the dialog opens; a frame brings each new request anyway.
      if (!(error instanceof ApiError)) {
        this.#report(error);
      }
    }
  }

  async decideJoinRequest(roomId, userId, approve) {
    await this.api.decideJoinRequest(roomId, userId, approve);
    const list = this.store.joinRequests.get(roomId) ?? [];
    this.store.joinRequests.set(roomId, list.filter((r) => r.userId !== userId));
    this.store.emit('join-requests', { roomId });
  }

  // ---- Session ----

  async logout() {
    // The socket goes first: the server closes it on logout, and that close must not read as "session ended elsewhere".
    this.stop();
    try {
      await this.api.logout();
    } catch {
      // Signing out locally is what the person asked for; a server that cannot be told lets the token expire.
    }
    this.session.end('logout');
  }

  // ---- Frames ----

  #onFrame(frame) {
    switch (frame.type) {
      case 'welcome':
        this.#onWelcome(frame);
        break;
      case 'message':
        if (this.store.rooms.has(frame.roomId)) {
          this.#acceptMessage(frame, true);
        } else {
          // A room we do not know yet (joined elsewhere, a new direct room): counted once the list has it.
          if (this.#orphans.length < 1000) {
            this.#orphans.push(frame);
          }
          this.loadRoomsSoon();
        }
        break;
      case 'ack':
        this.#onAck(frame);
        break;
      case 'resumed':
        this.#resuming = false;
        for (const roomId of this.store.logs.keys()) {
          this.#fillGaps(roomId);
        }
        break;
      case 'error':
        this.#onError(frame);
        break;
      case 'member':
        this.#onMember(frame);
        break;
      case 'room':
        if (frame.event === 'deleted') {
          this.#removeRoom(frame.roomId, (room) => `${label(room)} was deleted.`);
        } else {
          this.loadRoomsSoon();
        }
        break;
      case 'read':
        this.#onRead(frame);
        break;
      case 'typing':
        this.#onTyping(frame);
        break;
      case 'presence':
        this.#onPresence(frame);
        break;
      case 'join-request':
        this.#onJoinRequest(frame);
        break;
      case 'system':
        if (frame.text) {
          this.notice(frame.text);
        }
        break;
      default:
        // Frames this client does not use (sketch.*) are not errors.
        break;
    }
  }

  /**
   * After every (re)connect: ask for what was missed in each room since the last seq accounted for, then send
   * what is still pending. The first connect does the same against the room list loaded just before.
   */
  #onWelcome(frame) {
    const { store } = this;
    const firstWelcome = !this.#welcomed;
    this.#welcomed = true;
    store.me = { id: frame.user.id, username: frame.user.username };
    const positions = {};
    let membershipChanged = frame.rooms.length !== store.rooms.size;
    for (const { roomId, lastSeq } of frame.rooms) {
      const room = store.rooms.get(roomId);
      if (!room) {
        membershipChanged = true;
      } else if (lastSeq > this.#resumePosition(room)) {
        positions[roomId] = this.#resumePosition(room);
      }
    }
    if (Object.keys(positions).length > 0) {
      this.#resuming = true;
      this.socket.send({ type: 'resume', positions });
    }
    if (membershipChanged) {
      this.loadRooms().catch((error) => this.#report(error));
    }
    if (!firstWelcome) {
      // Presence changed while we were away, and no frame told us.
      this.loadOnlineUsers();
      if (store.activeRoomId && store.rooms.has(store.activeRoomId)) {
        this.loadMembers(store.activeRoomId);
      }
    }
    this.#flushOutbox();
  }

  /**
   * Where a room's catching up starts: its lastSeq, or, in an open room whose log has a hole (an ack can be
   * ahead of a message not yet delivered when the connection dropped), the seq before the hole.
   */
  #resumePosition(room) {
    const log = this.store.logs.get(room.id);
    const gap = log?.loaded ? log.firstGap() : null;
    return gap ? gap.after : room.lastSeq;
  }

  #onAck(ack) {
    const log = this.store.logs.get(ack.roomId);
    const pending = log?.pending.get(ack.clientMsgId);
    if (!pending) {
      return;
    }
    const { me } = this.store;
    this.#acceptMessage({
      type: 'message',
      id: ack.messageId,
      roomId: ack.roomId,
      seq: ack.seq,
      sender: { id: me.id, username: me.username },
      text: pending.text,
      kind: 'user',
      clientMsgId: ack.clientMsgId,
      createdAt: ack.createdAt,
    }, true);
  }

  #onError(frame) {
    if (frame.ref === 'resume') {
      this.#resuming = false;
      this.loadRoomsSoon();
      return;
    }
    for (const log of this.store.logs.values()) {
      const pending = frame.ref ? log.pending.get(frame.ref) : null;
      if (pending) {
        this.#fail(pending, sendErrorText(frame.code, frame.message));
        return;
      }
    }
  }

  #onMember(frame) {
    const { store } = this;
    store.noteUser(frame.userId, frame.username);
    if (frame.userId === store.me.id) {
      if (frame.event === 'joined' && !store.rooms.has(frame.roomId)) {
        this.loadRoomsSoon();
      } else if (frame.event === 'left') {
        this.#removeRoom(frame.roomId, (room) => `You are no longer a member of ${label(room)}.`);
      }
      return;
    }
    if (frame.event === 'joined') {
      const requests = store.joinRequests.get(frame.roomId);
      if (requests?.some((r) => r.userId === frame.userId)) {
        store.joinRequests.set(frame.roomId, requests.filter((r) => r.userId !== frame.userId));
        store.emit('join-requests', { roomId: frame.roomId });
      }
    }
    if (store.members.has(frame.roomId)) {
      this.#loadMembersSoon(frame.roomId);
    }
  }

  #onPresence(frame) {
    const { store } = this;
    store.noteUser(frame.userId, frame.username, frame.status === 'online');
    // New accounts join the general room without a `member` frame: someone unknown coming online there is one.
    for (const [roomId, roster] of store.members) {
      if (store.rooms.get(roomId)?.kind === 'general' && !roster.some((m) => m.id === frame.userId)) {
        this.#loadMembersSoon(roomId);
      }
    }
    store.emit('presence', { userId: frame.userId });
  }

  #onRead(frame) {
    const { store } = this;
    if (frame.userId !== store.me.id) {
      return;
    }
    // Read on another of one's own connections (another tab, a phone): clear the badge here too.
    const room = store.rooms.get(frame.roomId);
    if (!room || frame.seq <= room.readSeq) {
      return;
    }
    room.readSeq = frame.seq;
    if (frame.seq >= room.lastSeq) {
      room.unread = 0;
    } else {
      const counted = store.logs.get(frame.roomId)?.countOthersAfter(frame.seq, store.me.id);
      if (counted !== null && counted !== undefined) {
        room.unread = counted;
      } else {
        this.loadRoomsSoon();
      }
    }
    store.emit('rooms');
  }

  #onTyping(frame) {
    const { store } = this;
    if (frame.userId === store.me.id || !store.rooms.has(frame.roomId)) {
      return;
    }
    let entries = store.typing.get(frame.roomId);
    if (!entries) {
      entries = new Map();
      store.typing.set(frame.roomId, entries);
    }
    entries.set(frame.userId, { username: frame.username, until: Date.now() + TYPING_SHOWS_MS });
    store.emit('typing', { roomId: frame.roomId });
  }

  #sweepTyping() {
    const now = Date.now();
    for (const [roomId, entries] of this.store.typing) {
      let changed = false;
      for (const [userId, entry] of entries) {
        if (entry.until <= now) {
          entries.delete(userId);
          changed = true;
        }
      }
      if (changed) {
        this.store.emit('typing', { roomId });
      }
    }
  }

  #onJoinRequest(frame) {
    const { store } = this;
    const list = store.joinRequests.get(frame.roomId) ?? [];
    if (!list.some((r) => r.userId === frame.userId)) {
      list.push({ userId: frame.userId, username: frame.username });
      store.joinRequests.set(frame.roomId, list);
      const room = store.rooms.get(frame.roomId);
      this.notice(`${frame.username} asks to join ${room ? label(room) : 'your room'}.`);
      store.emit('join-requests', { roomId: frame.roomId });
    }
  }
}

/** How a room is named in sentences. */
export function label(room) {
  return room.kind === 'direct' ? `the conversation with ${room.name}` : `#${room.name}`;
}

function sendErrorText(code, message) {
  switch (code) {
    case 'rate_limited':
      return 'Too many messages at once. Wait a moment, then retry.';
    case 'service_unavailable':
      return 'The server is busy. Retry in a moment.';
    case 'not_a_member':
      return 'You are not a member of this room.';
    case 'validation_failed':
      return message || 'This message cannot be sent.';
    default:
      return message || 'Not sent.';
  }
}
