// What the client knows: rooms, the messages of opened rooms, pending sends, people and their presence,
// typing. Views subscribe to change events; only the ChatClient (chat.js) changes the state.

/** The messages of one room that the client holds: a window of seqs, gapless once loaded, plus pending sends. */
export class RoomLog {
  #seqs = [];
  #bySeq = new Map();
  /** clientMsgId -> {clientMsgId, roomId, text, status: 'pending'|'failed', error, createdAt} */
  pending = new Map();
  hasMoreBefore = true;
  loaded = false;
  loadingOlder = false;

  get minSeq() {
    return this.#seqs.length ? this.#seqs[0] : null;
  }

  get maxSeq() {
    return this.#seqs.length ? this.#seqs[this.#seqs.length - 1] : null;
  }

  get size() {
    return this.#seqs.length;
  }

  has(seq) {
    return this.#bySeq.has(seq);
  }

  /** Adds a message unless its seq is already there; true if added. */
  insert(message) {
    const seq = message.seq;
    if (!Number.isInteger(seq) || this.#bySeq.has(seq)) {
      return false;
    }
    this.#bySeq.set(seq, message);
    const seqs = this.#seqs;
    if (seqs.length === 0 || seq > seqs[seqs.length - 1]) {
      seqs.push(seq);
    } else {
      let low = 0;
      let high = seqs.length;
      while (low < high) {
        const mid = (low + high) >>> 1;
        if (seqs[mid] < seq) {
          low = mid + 1;
        } else {
          high = mid;
        }
      }
      seqs.splice(low, 0, seq);
    }
    return true;
  }

  messages() {
    return this.#seqs.map((seq) => this.#bySeq.get(seq));
  }

  /** The first hole in the window, as the seqs either side of it; null if the window is gapless. */
  firstGap() {
    const seqs = this.#seqs;
    for (let i = 0; i + 1 < seqs.length; i += 1) {
      if (seqs[i + 1] - seqs[i] > 1) {
        return { after: seqs[i], before: seqs[i + 1] };
      }
    }
    return null;
  }

  /** Messages of others after `seq`, for unread counts (null if the window does not reach back that far). */
  countOthersAfter(seq, myId) {
    if (this.minSeq === null || this.minSeq > seq + 1) {
      return null;
    }
    let count = 0;
    for (const s of this.#seqs) {
      if (s > seq && this.#bySeq.get(s).sender?.id !== myId) {
        count += 1;
      }
    }
    return count;
  }
}

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
  activeRoomId = null;
  /** False until the first room list came in (or failed): until then no room can be told apart from a stranger's. */
  roomsLoaded = false;

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
    const now = Date.now();
    const entries = this.typing.get(roomId);
    if (!entries) {
      return [];
    }
    for (const [userId, entry] of entries) {
      if (entry.until <= now) {
        entries.delete(userId);
      }
    }
    return [...entries.values()].map((e) => e.username);
  }

  /** Channels and the general room: general first, then by name, so rooms keep their place in the list. */
  channelList() {
    return [...this.rooms.values()].filter((r) => r.kind !== 'direct')
      .sort((a, b) => (a.kind === 'general' ? -1 : b.kind === 'general' ? 1 : a.name.localeCompare(b.name)));
  }

  directList() {
    return [...this.rooms.values()].filter((r) => r.kind === 'direct').sort(byActivity);
  }
}

function activityOf(room) {
  return room.lastMessage?.createdAt ?? room.createdAt ?? '';
}

/** Conversations: the most recently active first. */
function byActivity(a, b) {
  return activityOf(b).localeCompare(activityOf(a)) || a.name.localeCompare(b.name);
}
