// Which room is on screen lives in the address (#/room/<id>): reload keeps it, Back goes back, links can be shared.

const ROOM_ROUTE = /^#\/room\/([0-9a-fA-F-]{36})$/;

export function roomHref(roomId) {
  return `#/room/${encodeURIComponent(roomId)}`;
}

/** The room id in the address, or null (the room list). */
export function routedRoomId() {
  const match = ROOM_ROUTE.exec(location.hash);
  return match ? match[1].toLowerCase() : null;
}

export function goToRoom(roomId) {
  if (routedRoomId() !== roomId) {
    location.hash = roomHref(roomId);
  }
}

/** Shows a room without adding a history entry (the default room on a wide screen). */
export function replaceRoute(roomId) {
  history.replaceState(null, '', roomId ? roomHref(roomId) : '#/');
  window.dispatchEvent(new HashChangeEvent('hashchange'));
}

export function goToList() {
  location.hash = '#/';
}

/** The address others can open to reach a room (and ask to join it). */
export function inviteLink(roomId) {
  return `${location.origin}${location.pathname}${roomHref(roomId)}`;
}
