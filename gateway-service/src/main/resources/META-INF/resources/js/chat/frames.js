// Server frames: each goes to the part of the client it concerns. The welcome after every (re)connect is
// handled here: it carries the server's limits and starts catching up (resume).

import { limitsFrom } from '../logic/limits.js';
import { label } from '../logic/rooms.js';
import { planResume } from '../logic/sync.js';

export class FrameHandler {
  #ctx;
  #welcomed = false;

  /**
   * @param ctx the client's parts: {store, socket, notice, report, rooms, messages, messageActions, readMarkers, outbox,
   *   typing, people, joinRequests, sketch}
   */
  constructor(ctx) {
    this.#ctx = ctx;
  }

  handle(frame) {
    const { store, rooms, messages, messageActions, readMarkers, outbox, typing, people, joinRequests, sketch } = this.#ctx;
    if (typeof frame.type === 'string' && frame.type.startsWith('sketch.')) {
      sketch.onFrame(frame);
      return;
    }
    switch (frame.type) {
      case 'welcome':
        this.#onWelcome(frame);
        break;
      case 'message':
        if (store.rooms.has(frame.roomId)) {
          messages.accept(frame, true);
        } else {
          rooms.keepUntilListed(frame);
        }
        break;
      case 'message.edited':
      case 'message.deleted':
        messageActions.onChanged(frame);
        break;
      case 'reaction':
        messageActions.onReaction(frame);
        break;
      case 'ack':
        outbox.onAck(frame);
        break;
      case 'resumed':
        messages.resumed(frame);
        break;
      case 'error':
        if (frame.ref === 'resume') {
          messages.resumeFailed();
          rooms.loadSoon();
        } else if (!sketch.onError(frame)) {
          outbox.onError(frame);
        }
        break;
      case 'member':
        this.#onMember(frame);
        break;
      case 'room':
        if (frame.event === 'deleted') {
          rooms.remove(frame.roomId, (room) => `${label(room)} was deleted.`);
        } else if (frame.event === 'updated') {
          rooms.applySettings(frame.roomId, frame);
        } else if (frame.event === 'evicted') {
          messages.evicted(frame.roomId, frame.evictedBefore);
        } else {
          rooms.loadSoon();
        }
        break;
      case 'read':
        readMarkers.onRead(frame);
        break;
      case 'typing':
        typing.onFrame(frame);
        break;
      case 'presence':
        people.onPresence(frame);
        break;
      case 'join-request':
        joinRequests.onFrame(frame);
        break;
      case 'system':
        if (frame.text) {
          this.#ctx.notice(frame.text);
        }
        break;
      default:
        // Frames this client does not use are not errors.
        break;
    }
  }

  /**
   * After every (re)connect: take the server's limits, ask for what was missed in each room since the last seq
   * accounted for, then send what is still pending. The first connect does the same against the room list loaded
   * just before. A reconnect also reads the open room's messages again (see MessageSync.reconnected).
   */
  #onWelcome(frame) {
    const { store, socket, rooms, messages, outbox, people, sketch } = this.#ctx;
    const firstWelcome = !this.#welcomed;
    this.#welcomed = true;
    store.me = { id: frame.user.id, username: frame.user.username };
    store.limits = limitsFrom(frame.limits);
    store.emit('limits', store.limits);
    const { positions, membershipChanged } = planResume(frame.rooms, store.rooms, store.logs);
    const resuming = Object.keys(positions).length > 0;
    if (resuming) {
      messages.resuming = true;
      socket.send({ type: 'resume', positions });
    }
    if (membershipChanged) {
      rooms.load().catch((error) => this.#ctx.report(error));
    }
    if (!firstWelcome) {
      // Edits, deletions and reactions made meanwhile are not replayed: the open room is read again once caught up.
      messages.reconnected(resuming);
      // Presence changed while we were away, and no frame told us.
      people.loadOnlineUsers();
      if (store.activeRoomId && store.rooms.has(store.activeRoomId)) {
        people.loadMembers(store.activeRoomId);
      }
    }
    outbox.flush();
    sketch.onWelcome();
  }

  #onMember(frame) {
    const { store, rooms, people, joinRequests } = this.#ctx;
    store.noteUser(frame.userId, frame.username);
    if (frame.userId === store.me.id) {
      if (frame.event === 'joined' && !store.rooms.has(frame.roomId)) {
        rooms.loadSoon();
      } else if (frame.event === 'left') {
        rooms.remove(frame.roomId, (room) => `You are no longer a member of ${label(room)}.`);
      }
      return;
    }
    if (frame.event === 'joined') {
      joinRequests.joined(frame.roomId, frame.userId);
    }
    if (store.members.has(frame.roomId)) {
      people.loadMembersSoon(frame.roomId);
    }
  }
}
