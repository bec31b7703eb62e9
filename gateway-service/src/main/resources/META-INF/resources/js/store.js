// What the client knows: rooms, the messages of opened rooms, pending sends, people and their presence,
// typing, the sketch canvases opened, the server's limits. Views subscribe to change events; only the ChatClient (chat.js) changes the state.

import { limitsFrom } from './logic/limits.js';
import { RoomLog } from './logic/room-log.js';
import { compareByActivity, compareChannels } from './logic/rooms.js';
import { expireTyping } from './logic/typing.js';

export class Store extends EventTarget {
  me = null;
  connection = { state: 'connecting', retryAt: null };
  /** roomId -> room as the list shows it: {id, name, topic, kind, visibility, ownerId, hasPassword, role, unread, lastSeq, readSeq, lastMessage, peer} */
  rooms = new Map();
  /** roomId -> RoomLog, for rooms opened in this session */
  logs = new Map();
  /** userId -> {id, username, online} */
  users = new Map();
  /** roomId -> Map(userId -> {username, until}) */
  typing = new Map();
  /** roomId -> [{userId, username}] for rooms the caller owns */
  joinRequests = new Map();
  /** roomId -> members [{id, username, role, online}] of rooms whose member list was loaded */
  members = new Map();
  /** roomId -> SketchCanvas (logic/sketch.js), for rooms whose canvas was opened in this session */
  sketches = new Map();
  activeRoomId = null;
  /** False until the first room list came in (or failed): until then no room can be told apart from a stranger's. */
  roomsLoaded = false;
  /** The server's limits ({maxTextLength}), from the last `welcome`; until then the fallback. */
  limits = limitsFrom(undefined);

  on(type, listener) {
    const wrapped = (event) => listener(event.detail);
    this.addEventListener(type, wrapped);
    return () => this.removeEventListener(type, wrapped);
  }

  emit(type, detail = {}) {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }

  room(roomId) {
    return this.rooms.get(roomId) ?? null;
  }

  log(roomId) {
    let log = this.logs.get(roomId);
    if (!log) {
      log = new RoomLog();
      this.logs.set(roomId, log);
    }
    return log;
  }

  isOnline(userId) {
    if (userId === this.me?.id) {
      return this.connection.state === 'online';
    }
    return this.users.get(userId)?.online === true;
  }

  /** Records what is known about a person; `online` only if this source says. */
  noteUser(id, username, online) {
    if (!id) {
      return;
    }
    const known = this.users.get(id) ?? { id, username, online: undefined };
    if (username) {
      known.username = username;
    }
    if (online !== undefined) {
      known.online = online;
    }
    this.users.set(id, known);
  }

  onlineUsers() {
    return [...this.users.values()]
      .filter((u) => u.online === true && u.id !== this.me?.id)
      .sort((a, b) => a.username.localeCompare(b.username));
  }

  typingIn(roomId) {
    const entries = this.typing.get(roomId);
    if (!entries) {
      return [];
    }
    expireTyping(entries, Date.now());
    return [...entries.values()].map((e) => e.username);
  }

  /** Channels and the general room: general first, then by name, so rooms keep their place in the list. */
  channelList() {
    return [...this.rooms.values()].filter((r) => r.kind !== 'direct').sort(compareChannels);
  }

  /** Conversations: the most recently active first. */
  directList() {
    return [...this.rooms.values()].filter((r) => r.kind === 'direct').sort(compareByActivity);
  }
}
