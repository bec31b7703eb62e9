// Facts about a room that the screens show: its name in sentences, its place in the lists, what one may do in it,
// and the line at the top of its history. Pure: plain room objects; no DOM.

/** How a room is named in sentences. */
export function label(room) {
  return room.kind === 'direct' ? `the conversation with ${room.name}` : `#${room.name}`;
}

/** The owner of a private channel settles its join requests. */
export function takesJoinRequests(room) {
  return room.role === 'owner' && room.visibility === 'private';
}

/** Channels and the general room: general first, then by name, so rooms keep their place in the list. */
export function compareChannels(a, b) {
  return a.kind === 'general' ? -1 : b.kind === 'general' ? 1 : a.name.localeCompare(b.name);
}

function activityOf(room) {
  return room.lastMessage?.createdAt ?? room.createdAt ?? '';
}

/** Conversations: the most recently active first. */
export function compareByActivity(a, b) {
  return activityOf(b).localeCompare(activityOf(a)) || a.name.localeCompare(b.name);
}

/**
 * The actions of a room's menu, in order: 'settings' (its owner), 'invite' (any channel), 'join-requests' (its owner, if private),
 * 'leave' (a channel one does not own), 'delete' (its owner).
 */
export function roomActions(room) {
  const owner = room.role === 'owner' && room.kind === 'channel';
  const actions = [];
  if (owner) {
    actions.push('settings');
  }
  if (room.kind === 'channel') {
    actions.push('invite');
  }
  if (owner && room.visibility === 'private') {
    actions.push('join-requests');
  }
  if (room.kind === 'channel' && !owner) {
    actions.push('leave');
  }
  if (owner) {
    actions.push('delete');
  }
  return actions;
}

/** The line under a room's name. */
export function roomTopic(room) {
  return room.topic ?? (room.kind === 'direct' ? 'Direct message' : room.kind === 'general' ? 'Everyone is here' : '');
}

/** The composer's placeholder in a room. */
export function composerPlaceholder(room) {
  return room.kind === 'direct' ? `Message ${room.name}` : `Message #${room.name}`;
}

/** What the top of a room's log says once retention removed what was before it. */
export const EVICTED_TEXT = "Older messages were removed by this room's retention policy.";

/**
 * What the top of a room's log says, as {state, text}: an error, loading, the beginning, the point where retention
 * removed the older messages, or more to scroll to.
 */
export function historyEdge(log, room) {
  if (log.error && !log.loaded) {
    return { state: 'error', text: log.error };
  }
  if (!log.loaded || log.loadingOlder) {
    return { state: 'loading', text: log.loaded ? 'Loading older messages…' : 'Loading messages…' };
  }
  if (!log.hasMoreBefore && log.evictedBefore > 1) {
    return { state: 'evicted', text: EVICTED_TEXT };
  }
  if (!log.hasMoreBefore) {
    return {
      state: 'start',
      text: room.kind === 'direct'
        ? `This is the beginning of your conversation with ${room.name}.`
        : `This is the beginning of #${room.name}.`,
    };
  }
  return { state: 'more', text: '' };
}
