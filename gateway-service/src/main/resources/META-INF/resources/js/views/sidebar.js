// The left column: message search, rooms with unread badges, direct conversations, who is online, oneself and sign-out.

import { avatar, h, presenceDot, reconcile, replaceChildren, uid } from '../dom.js';
import { icon } from '../icons.js';
import { unreadBadge } from '../logic/unread.js';
import { goToRoom, roomHref } from '../router.js';
import { browseRoomsDialog } from './browse-rooms-dialog.js';
import { createRoomDialog, newDirectDialog } from './dialogs.js';
import { searchDialog } from './search-dialog.js';

const CONNECTION_TEXT = {
  connecting: 'Connecting…',
  online: 'Connected',
  reconnecting: 'Reconnecting…',
  offline: 'Offline',
};

export function sidebarView({ client, store }) {
  const connection = h('span', { class: 'connection', testid: 'connection-state', role: 'status' });
  const retry = h('button', { type: 'button', class: 'link small', testid: 'reconnect-now', hidden: true, onClick: () => client.socket.reconnectNow() }, 'Retry now');
  const roomList = h('ul', { class: 'nav-list', testid: 'room-list', 'aria-label': 'Rooms' });
  const dmList = h('ul', { class: 'nav-list', testid: 'dm-list', 'aria-label': 'Direct messages' });
  const onlineList = h('ul', { class: 'nav-list people', testid: 'online-users', 'aria-label': 'Online now' });
  const onlineCount = h('span', { class: 'count', testid: 'online-count' });
  const dmEmpty = h('p', { class: 'nav-empty' }, 'No conversations yet.');
  const onlineEmpty = h('p', { class: 'nav-empty' }, 'Nobody else is online.');
  const me = store.me;

  // The nav is the skip link's target on a phone's room list (app-view.js).
  const nav = h('nav', { class: 'sidebar-scroll', id: uid('conversations'), tabindex: '-1', 'aria-label': 'Conversations' },
    section('Rooms', [
      h('button', { type: 'button', class: 'icon-button', testid: 'browse-rooms', 'aria-label': 'Find and join rooms', title: 'Find and join rooms', onClick: () => browseRoomsDialog({ client, store }) }, icon('search')),
      h('button', { type: 'button', class: 'icon-button', testid: 'create-room', 'aria-label': 'Create a room', title: 'Create a room', onClick: () => createRoomDialog({ client }) }, icon('plus')),
    ], roomList),
    section('Direct messages', [
      h('button', { type: 'button', class: 'icon-button', testid: 'new-dm', 'aria-label': 'New direct message', title: 'New direct message', onClick: () => newDirectDialog({ client, store }) }, icon('plus')),
    ], dmList, dmEmpty),
    section(['Online ', onlineCount], [], onlineList, onlineEmpty));
  // A region of the app's <main>. Its "Chat" is the page's level-one heading, so a phone's room list has one too.
  // Looks like a search box; opens the search dialog (so do Ctrl+K and /, app-view.js).
  const searchOpen = h('button', {
    type: 'button', class: 'search-open', testid: 'search-open', 'aria-keyshortcuts': 'Control+K /',
    onClick: () => searchDialog({ client, store }),
  }, icon('search'), h('span', { class: 'search-open-text' }, 'Search messages'), h('kbd', { 'aria-hidden': 'true' }, 'Ctrl K'));
  const el = h('section', { class: 'sidebar', 'aria-label': 'Rooms and people' },
    h('header', { class: 'sidebar-head' },
      h('h1', { class: 'brand' }, h('span', { class: 'logo', 'aria-hidden': 'true' }), 'Chat'),
      h('span', { class: 'connection-wrap' }, connection, retry)),
    h('div', { class: 'sidebar-search' }, searchOpen),
    nav,
    h('footer', { class: 'sidebar-foot' },
      avatar(me.username),
      h('span', { class: 'me' }, h('span', { class: 'me-name', testid: 'current-user' }, me.username), h('span', { class: 'me-status' }, 'You')),
      h('button', { type: 'button', class: 'icon-button', testid: 'logout', 'aria-label': 'Sign out', title: 'Sign out', onClick: () => client.logout() }, icon('logout'))));

  function section(title, actions, ...content) {
    const id = `nav-${String(title).replace(/\W+/g, '-').toLowerCase()}-${Math.random().toString(36).slice(2, 7)}`;
    return h('section', { class: 'nav-section', 'aria-labelledby': id },
      h('div', { class: 'nav-section-head' }, h('h2', { id }, title), h('span', { class: 'nav-actions' }, actions)),
      content);
  }

  function roomItem(room) {
    const link = h('a', { class: 'nav-item', href: roomHref(room.id) });
    const li = h('li', {}, link);
    updateRoomItem(li, room);
    return li;
  }

  function updateRoomItem(li, room) {
    const link = li.firstChild;
    const active = store.activeRoomId === room.id;
    const direct = room.kind === 'direct';
    link.dataset.testid = direct ? 'dm-item' : 'room-item';
    link.dataset.roomId = room.id;
    link.dataset.roomName = room.name;
    link.dataset.unread = String(room.unread);
    link.classList.toggle('has-unread', room.unread > 0);
    if (active) {
      link.setAttribute('aria-current', 'page');
    } else {
      link.removeAttribute('aria-current');
    }
    const badge = room.unread > 0
      ? h('span', { class: 'badge', testid: 'unread-badge', 'aria-label': `${room.unread} unread` }, unreadBadge(room.unread))
      : null;
    const lead = direct
      ? h('span', { class: 'nav-icon' }, presenceDot(store.isOnline(room.peer?.id)))
      : h('span', { class: 'nav-icon' }, icon(room.visibility === 'private' ? 'lock' : 'hash'));
    replaceChildren(link, lead, h('span', { class: 'nav-label' }, room.name), badge);
  }

  function personItem(user) {
    const button = h('button', {
      type: 'button', class: 'nav-item', testid: 'online-user',
      onClick: async () => {
        try {
          goToRoom(await client.openDirect(user.id));
        } catch (error) {
          client.notice(error.friendly ?? 'The conversation could not be opened.', 'error');
        }
      },
    });
    const li = h('li', {}, button);
    updatePersonItem(li, user);
    return li;
  }

  function updatePersonItem(li, user) {
    const button = li.firstChild;
    button.dataset.userId = user.id;
    button.dataset.username = user.username;
    button.title = `Message ${user.username}`;
    replaceChildren(button, h('span', { class: 'nav-icon' }, presenceDot(true)), h('span', { class: 'nav-label' }, user.username));
  }

  function renderRooms() {
    reconcile(roomList, store.channelList(), (r) => r.id, roomItem, updateRoomItem);
    const direct = store.directList();
    reconcile(dmList, direct, (r) => r.id, roomItem, updateRoomItem);
    dmEmpty.hidden = direct.length > 0;
  }

  function renderOnline() {
    const people = store.onlineUsers();
    reconcile(onlineList, people, (u) => u.id, personItem, updatePersonItem);
    onlineCount.textContent = people.length ? `(${people.length})` : '';
    onlineEmpty.hidden = people.length > 0;
  }

  function renderConnection() {
    const { state } = store.connection;
    connection.dataset.state = state;
    connection.textContent = CONNECTION_TEXT[state] ?? state;
    retry.hidden = state !== 'reconnecting';
  }

  const unsubscribe = [
    store.on('rooms', renderRooms),
    store.on('active', renderRooms),
    store.on('presence', () => {
      renderOnline();
      renderRooms();
    }),
    store.on('connection', renderConnection),
  ];
  renderRooms();
  renderOnline();
  renderConnection();
  return { el, nav, destroy: () => unsubscribe.forEach((off) => off()) };
}
