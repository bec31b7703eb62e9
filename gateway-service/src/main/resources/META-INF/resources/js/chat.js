// The client's behaviour: turns frames and REST answers into state, and the person's actions into frames
// and calls. Views read the Store and call these methods; nothing else changes the state.
//
// The work is done by parts with one job each (chat/): the room list, message sync, edits, deletions and reactions,
// read markers, the outbox of sends, image uploads, typing notices, people, join requests, and the handling of server
// frames. They
// share one context: the API, the store, the socket, and each other. The rules they apply (merging by seq, unread
// counts, resume positions, backoff) are pure functions in logic/, unit-tested without a server.

import { ApiError } from './api.js';
import { FrameHandler } from './chat/frames.js';
import { JoinRequests } from './chat/join-requests.js';
import { MessageActions } from './chat/message-actions.js';
import { MessageSync } from './chat/messages.js';
import { Outbox } from './chat/outbox.js';
import { People } from './chat/people.js';
import { ReadMarkers } from './chat/read-markers.js';
import { RoomList } from './chat/rooms.js';
import { SketchSync } from './chat/sketch.js';
import { TypingNotices } from './chat/typing.js';
import { Uploads } from './chat/uploads.js';
import { takesJoinRequests } from './logic/rooms.js';
import { SessionEnded } from './session.js';
import { ChatSocket } from './socket.js';

export class ChatClient {
  #parts;

  constructor({ api, session, store }) {
    this.api = api;
    this.session = session;
    this.store = store;
    this.socket = new ChatSocket(session, () => api.me());
    const parts = {
      api,
      session,
      store,
      socket: this.socket,
      notice: (text, kind) => this.notice(text, kind),
      report: (error) => this.#report(error),
    };
    parts.rooms = new RoomList(parts);
    parts.messages = new MessageSync(parts);
    parts.messageActions = new MessageActions(parts);
    parts.readMarkers = new ReadMarkers(parts);
    parts.outbox = new Outbox(parts);
    parts.uploads = new Uploads(parts);
    parts.typing = new TypingNotices(parts);
    parts.people = new People(parts);
    parts.joinRequests = new JoinRequests(parts);
    parts.sketch = new SketchSync(parts);
    parts.frames = new FrameHandler(parts);
    this.#parts = parts;
  }

  async start() {
    const { store, socket } = this;
    const { rooms, messages, outbox, typing, people, sketch, frames } = this.#parts;
    store.me = { ...this.session.user };
    socket.addEventListener('state', (event) => {
      store.connection = event.detail;
      store.emit('connection', event.detail);
      // One's own presence dot follows the connection.
      store.emit('presence', { userId: store.me.id });
    });
    socket.addEventListener('frame', (event) => frames.handle(event.detail));
    socket.addEventListener('dropped', () => {
      messages.dropped();
      outbox.hold();
      sketch.dropped();
    });
    typing.start();
    sketch.start();
    try {
      await rooms.load();
    } catch (error) {
      this.#report(error);
    }
    store.roomsLoaded = true;
    store.emit('rooms');
    people.loadOnlineUsers();
    socket.start();
  }

  stop() {
    this.socket.stop();
    const { rooms, messages, outbox, uploads, typing, people, sketch } = this.#parts;
    typing.stop();
    uploads.stop();
    sketch.stop();
    rooms.stop();
    messages.stop();
    people.stop();
    outbox.stop();
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

  createRoom({ name, topic, visibility, password }) {
    return this.#parts.rooms.create({ name, topic, visibility, password });
  }

  /** 'member' or 'pending' (a private room: the owner was asked). */
  joinRoom(roomId, password) {
    return this.#parts.rooms.join(roomId, password);
  }

  leaveRoom(roomId) {
    return this.#parts.rooms.leave(roomId);
  }

  deleteRoom(roomId) {
    return this.#parts.rooms.delete(roomId);
  }

  /** The owner changes a room's topic, retention or system lines; resolves to the room. Errors are thrown (field errors). */
  updateRoomSettings(roomId, patch) {
    return this.#parts.rooms.updateSettings(roomId, patch);
  }

  /** The direct room with a person (created on first use); resolves to its id. */
  openDirect(userId) {
    return this.#parts.rooms.openDirect(userId);
  }

  /** Makes a room the one on screen and loads what it needs. */
  openRoom(roomId) {
    const { store } = this;
    const { messages, people, joinRequests } = this.#parts;
    if (store.activeRoomId !== roomId) {
      store.activeRoomId = roomId;
      store.emit('active', { roomId });
    }
    const room = store.rooms.get(roomId);
    if (!room) {
      return;
    }
    messages.load(roomId);
    people.loadMembers(roomId);
    if (takesJoinRequests(room)) {
      joinRequests.load(roomId);
    }
  }

  // ---- Messages ----

  /** The page before the oldest message on screen (infinite scroll back through history, by seq). */
  loadOlder(roomId) {
    return this.#parts.messages.loadOlder(roomId);
  }

  /** The page after the newest message on screen, when the log shows older messages after a jump (scrolling down). */
  loadNewer(roomId) {
    return this.#parts.messages.loadNewer(roomId);
  }

  /**
   * Opens a room at one message (a search result): its history around it, the message brought into view and marked.
   * Resolves true once shown.
   */
  jumpTo(roomId, seq) {
    const jumped = this.#parts.messages.jumpTo(roomId, seq);
    this.openRoom(roomId);
    return jumped;
  }

  /** Back to the newest messages of a room whose log shows older ones. */
  jumpToLatest(roomId) {
    this.#parts.messages.jumpToLatest(roomId);
  }

  /**
   * Shows the message at once as pending, with the room's finished uploads (its tray then empties); false if it cannot
   * be sent (blank without images, too long, uploads still running, not a room of ours). A log that shows older
   * messages (after a jump) goes back to the newest first, where the message will be.
   */
  send(roomId, text) {
    const { outbox, uploads, messages } = this.#parts;
    if (!this.store.rooms.has(roomId) || !uploads.tray(roomId).sendState(text, this.store.limits).enabled) {
      return false;
    }
    const sent = outbox.send(roomId, text, uploads.take(roomId));
    if (sent && this.store.logs.get(roomId)?.hasMoreAfter) {
      messages.jumpToLatest(roomId);
    }
    return sent;
  }

  /** Images for the next message, a tray per room (chat/uploads.js): tray(roomId), add(roomId, files), remove, retry. */
  get uploads() {
    return this.#parts.uploads;
  }

  /** An attachment's image or thumbnail as a Blob (members of its room only; ApiError 403/404 otherwise). */
  attachmentImage(attachmentId, variant) {
    return this.#parts.api.attachment(attachmentId, variant);
  }

  /** Adds one's reaction (`on`) to a message, or takes it back; resolves true once the server has it. */
  react(roomId, seq, emoji, on) {
    return this.#parts.messageActions.react(roomId, seq, emoji, on);
  }

  /** One page of search results over the caller's rooms (or one room): {messages, hasMore}. Errors are thrown. */
  search(text, { roomId, limit, offset } = {}) {
    return this.#parts.api.search(text, { roomId, limit, offset });
  }

  /**
   * Replaces the text of one's own message; resolves true once stored (every tab then gets message.edited), false if
   * refused (the reason is shown as a notice).
   */
  editMessage(roomId, seq, text) {
    return this.#parts.messageActions.edit(roomId, seq, text);
  }

  /** Deletes a message (one's own, or any in a room one owns); resolves true once done. */
  deleteMessage(roomId, seq) {
    return this.#parts.messageActions.delete(roomId, seq);
  }

  /** Asks the composer to edit a message (the log's Edit button, or Up in an empty composer). */
  startEdit(message) {
    this.store.emit('edit-message', message);
  }

  /** Sends a failed message again with the same clientMsgId: stored once, whatever happened before. */
  retry(roomId, clientMsgId) {
    this.#parts.outbox.retry(roomId, clientMsgId);
  }

  /** Moves the read marker to the newest message of a room that is on screen. */
  markRead(roomId) {
    this.#parts.readMarkers.markRead(roomId);
  }

  /** The log shows `seq` mid-screen, scrolled up (or, with null, its newest messages): a reconnect reads around it. */
  noteOnScreen(roomId, seq) {
    this.#parts.messages.noteOnScreen(roomId, seq);
  }

  /** One is typing in a room: the others are told (throttled). */
  typing(roomId) {
    this.#parts.typing.typed(roomId);
  }

  // ---- Sketch canvas ----

  /** The room's canvas (a SketchCanvas, loaded if it is not yet), or null for a room one is not in. */
  openSketch(roomId) {
    return this.#parts.sketch.open(roomId);
  }

  /** Points of the stroke being drawn, as the others' live preview. */
  sketchDraw(roomId, part) {
    this.#parts.sketch.draw(roomId, part);
  }

  /** A finished stroke: shown at once as pending, stored once the server acks it; false if it is not a valid stroke. */
  sketchStroke(roomId, stroke) {
    return this.#parts.sketch.stroke(roomId, stroke);
  }

  /** Undoes one's own latest visible stroke (or, with strokeId, that stroke: its author or the room owner). */
  sketchUndo(roomId, strokeId) {
    return this.#parts.sketch.command(roomId, 'sketch.undo', strokeId);
  }

  sketchRedo(roomId) {
    return this.#parts.sketch.command(roomId, 'sketch.redo');
  }

  sketchClear(roomId) {
    return this.#parts.sketch.command(roomId, 'sketch.clear');
  }

  /** The canvas as it looked at a seq: {seq, strokes}. */
  sketchAt(roomId, atSeq) {
    return this.#parts.sketch.at(roomId, atSeq);
  }

  /** The canvas as SVG, now or at a seq (a Blob). */
  sketchSvg(roomId, atSeq) {
    return this.#parts.sketch.svg(roomId, atSeq);
  }

  // ---- People ----

  searchUsers(text) {
    return this.#parts.people.search(text);
  }

  // ---- Join requests (owners) ----

  loadJoinRequests(roomId) {
    return this.#parts.joinRequests.load(roomId);
  }

  decideJoinRequest(roomId, userId, approve) {
    return this.#parts.joinRequests.decide(roomId, userId, approve);
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
}
