// Unread counts and read markers. Pure: plain room objects and a RoomLog; no DOM, no browser globals.
//
// Counting rule, the heart of "nothing missed, nothing twice": each room keeps lastSeq, the highest seq the
// client has accounted for (in its unread count or on screen). A message at or below it changes no count.

/**
 * A room from the server's list merged with what the client knows of it. Counts come from whichever side has seen
 * more: the list, or live frames since it was asked for.
 *
 * @param known the room as the client has it, or undefined
 * @param incoming the room as the list (or a create/open answer) has it
 * @param log the room's RoomLog, if it was opened (to count again after a newer read marker)
 * @param myId the signed-in user's id
 * @param now the time, for `addedAt` of a room new to the client
 */
export function mergeRoom(known, incoming, { log, myId, now }) {
  const room = {
    ...known,
    ...incoming,
    name: incoming.kind === 'direct' && incoming.peer?.username ? incoming.peer.username : incoming.name,
    // The list says a room's settings as they are: a topic or retention it leaves out is none (since removed).
    topic: incoming.topic ?? null,
    retention: incoming.retention ?? null,
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
    const counted = log?.countOthersAfter(room.readSeq, myId);
    room.unread = room.readSeq >= room.lastSeq ? 0 : counted ?? Math.min(room.unread, known.unread);
  }
  if (!known) {
    room.addedAt = now;
  }
  return room;
}

/** A message from history: the room's newest if it is, never counted as unread (the list's count holds it, or it is on screen). */
export function noteHistoryMessage(room, message) {
  if (message.seq > room.lastSeq) {
    room.lastSeq = message.seq;
    room.lastMessage = message;
  }
}

/** Whether a message counts as unread for one who has not read it: someone else's, not a system line, not deleted. */
function countsAsUnread(message, myId) {
  return message.sender?.id !== myId && message.kind !== 'system' && !message.deleted;
}

/**
 * A live (or resumed) message: counted once. One's own message moves one's read marker (sending does so on the
 * server); someone else's above the read marker is one more unread. System lines ("alice joined") and messages
 * deleted before they arrived are no one's unread (the server leaves them out too). True if it was new to the room.
 */
export function countLiveMessage(room, message, myId) {
  if (message.seq <= room.lastSeq) {
    return false;
  }
  room.lastSeq = message.seq;
  room.lastMessage = message;
  if (message.kind === 'system') {
    return true;
  }
  if (message.sender?.id === myId) {
    room.readSeq = message.seq;
    room.unread = 0;
  } else if (message.seq > room.readSeq && countsAsUnread(message, myId)) {
    room.unread += 1;
  }
  return true;
}

/**
 * A `message.edited` or `message.deleted` applied to the room list's entry, without asking the server: a deleted
 * message that was unread (above one's read marker, counted already, and not one's own nor a system line, when the log
 * holds it to tell) is one unread less; the newest message's preview takes the edit or the deletion.
 *
 * @param held the message as the room's log holds it (before the change), or null when the log does not hold it
 * @returns true if the room changed
 */
export function applyMessageChange(room, frame, held, myId) {
  let changed = false;
  if (frame.type === 'message.deleted') {
    const unread = frame.seq > room.readSeq && frame.seq <= room.lastSeq && room.unread > 0
      && (held ? countsAsUnread(held, myId) : true);
    if (unread) {
      room.unread -= 1;
      changed = true;
    }
  }
  const last = room.lastMessage;
  if (last && last.seq === frame.seq && !last.deleted) {
    if (frame.type === 'message.deleted') {
      const { text, editedAt, reactions, myReactions, ...rest } = last;
      room.lastMessage = { ...rest, deleted: true };
    } else {
      room.lastMessage = { ...last, text: frame.text, editedAt: frame.editedAt };
    }
    changed = true;
  }
  return changed;
}

/** Moves the read marker to the room's newest message; the seq read up to, or null if there was nothing to read. */
export function markAllRead(room) {
  if (room.lastSeq <= room.readSeq && room.unread === 0) {
    return null;
  }
  room.readSeq = room.lastSeq;
  room.unread = 0;
  return room.lastSeq;
}

/**
 * One's read marker moved on another connection (another tab, a phone). Returns 'unchanged' (not newer than ours),
 * 'counted' (the count is right again), or 'unknown' (the log does not reach back that far: ask the server).
 */
export function applyReadElsewhere(room, seq, log, myId) {
  if (seq <= room.readSeq) {
    return 'unchanged';
  }
  room.readSeq = seq;
  if (seq >= room.lastSeq) {
    room.unread = 0;
    return 'counted';
  }
  const counted = log?.countOthersAfter(seq, myId);
  if (counted !== null && counted !== undefined) {
    room.unread = counted;
    return 'counted';
  }
  return 'unknown';
}

/** The badge text of an unread count ('' for none). */
export function unreadBadge(unread) {
  return unread > 99 ? '99+' : String(unread);
}
