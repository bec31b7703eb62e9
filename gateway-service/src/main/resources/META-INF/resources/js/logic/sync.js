// Keeping a room's log whole: which history page to fetch next, where to resume after a reconnect, and the
// order the timeline shows. Pure: works on RoomLog and plain room objects; no DOM, no browser globals.

/** At most this many messages per history request when filling a hole or the tail. */
export const GAP_PAGE_MAX = 200;

/**
 * The next history request that makes an opened room's log whole, as {afterSeq, limit}: the first hole first,
 * then the tail up to the room's lastSeq (not while a resume is under way: the server is sending it; nor while the
 * window stops short of the newest message after a jump: scrolling down reads on from there). Null when there is
 * nothing to fetch.
 */
export function nextHistoryFetch(log, roomLastSeq, { resuming = false, pageMax = GAP_PAGE_MAX } = {}) {
  const gap = log.firstGap();
  const newest = log.maxSeq ?? 0;
  if (gap) {
    return { afterSeq: gap.after, limit: Math.min(pageMax, gap.before - gap.after - 1) };
  }
  if (roomLastSeq > newest && !resuming && !log.hasMoreAfter) {
    return { afterSeq: newest, limit: Math.min(pageMax, roomLastSeq - newest) };
  }
  return null;
}

/**
 * Where a room's catching up starts: its lastSeq, or, in an open room whose log has a hole (an ack can be
 * ahead of a message not yet delivered when the connection dropped), the seq before the hole.
 */
export function resumePosition(room, log) {
  const gap = log?.loaded ? log.firstGap() : null;
  return gap ? gap.after : room.lastSeq;
}

/** History around a message jumped to: the page ending at it (read backward) and the page after it (read forward). */
export const JUMP_PAGE_SIZE = 25;

/** The two requests that load the window around `seq`: [{beforeSeq, limit}, {afterSeq, limit}]. */
export function jumpRequests(seq, size = JUMP_PAGE_SIZE) {
  return [{ beforeSeq: seq + 1, limit: size }, { afterSeq: seq, limit: size }];
}

/** After a reconnect, at most this many messages of the open room are read again, in pages of REREAD_PAGE. */
export const REREAD_MAX = 100;
export const REREAD_PAGE = 50;

/**
 * What to read again from history after a reconnect, so that the open room shows its messages as they are now: a
 * resume replays only new messages, not the edits, deletions and reactions made meanwhile to ones already shown. The
 * seqs of the window (`minSeq`..`maxSeq`), all of them when at most `max`, else the `max` around `anchorSeq` (the
 * message on screen; the newest when not given), as forward history requests of at most `pageMax` each:
 * {from, to, requests: [{afterSeq, limit}]}. Null for an empty window.
 */
export function rereadRequests({ minSeq, maxSeq }, { anchorSeq = null, max = REREAD_MAX, pageMax = REREAD_PAGE } = {}) {
  if (!Number.isInteger(minSeq) || !Number.isInteger(maxSeq) || maxSeq < minSeq || max < 1 || pageMax < 1) {
    return null;
  }
  let from = minSeq;
  let to = maxSeq;
  if (to - from + 1 > max) {
    const centre = Number.isInteger(anchorSeq) ? Math.min(Math.max(anchorSeq, minSeq), maxSeq) : maxSeq;
    to = Math.min(maxSeq, centre + Math.floor(max / 2));
    from = Math.max(minSeq, to - max + 1);
    to = from + max - 1;
  }
  const requests = [];
  for (let after = from - 1; after < to; after += pageMax) {
    requests.push({ afterSeq: after, limit: Math.min(pageMax, to - after) });
  }
  return { from, to, requests };
}

/**
 * A gap-filling page that did not fill its hole (none of its messages was new, or it was empty while the hole stays):
 * true when asking again would only bring the same answer, so the filling stops rather than loop. A page with
 * `evictedBefore` says why: retention removed the hole's messages.
 */
export function madeNoProgress(sizeBefore, sizeAfter, page) {
  return sizeAfter === sizeBefore || (page.messages?.length ?? 0) === 0;
}

/**
 * What a `welcome` asks of the client: `positions` (roomId -> seq to resume from) for each known room the server
 * has newer messages in, and whether the rooms differ from the ones the client knows (then the list is reloaded).
 *
 * @param serverRooms the welcome's rooms, [{roomId, lastSeq}]
 * @param rooms the client's rooms, Map roomId -> room
 * @param logs the client's logs, Map roomId -> RoomLog
 */
export function planResume(serverRooms, rooms, logs) {
  const positions = {};
  let membershipChanged = serverRooms.length !== rooms.size;
  for (const { roomId, lastSeq } of serverRooms) {
    const room = rooms.get(roomId);
    if (!room) {
      membershipChanged = true;
    } else if (lastSeq > resumePosition(room, logs.get(roomId))) {
      positions[roomId] = resumePosition(room, logs.get(roomId));
    }
  }
  return { positions, membershipChanged };
}

/**
 * The timeline of a room as shown: its messages in seq order, then its pending sends in the order they were
 * written. Each entry has a key that names one rendering of it (a pending send changes key when it fails).
 */
export function timelineEntries(log) {
  const entries = [];
  for (const message of log.messages()) {
    entries.push({ key: `s${message.seq}`, message });
  }
  for (const pending of log.pending.values()) {
    entries.push({ key: `p${pending.clientMsgId}:${pending.status}`, pending });
  }
  return entries;
}
