// The signed-in screen: sidebar, chat, members; which room shows follows the address.
// Narrow screens show one pane at a time (the list, or the chat with a back link).

import { h, replaceChildren } from '../dom.js';
import { replaceRoute, routedRoomId } from '../router.js';
import { chatView } from './chat-view.js';
import { membersView } from './members-view.js';
import { searchDialog } from './search-dialog.js';
import { sidebarView } from './sidebar.js';

const NARROW = window.matchMedia('(max-width: 719px)');
const NOTICE_SHOWS_MS = 6_000;

export function mountApp(root, { client, store }) {
  // The whole signed-in app is the page's main content: on a phone the room list is all there is.
  const shell = h('main', { class: 'shell', testid: 'chat-app' });
  const sidebar = sidebarView({ client, store });
  const members = membersView({ client, store, shell });
  const chat = chatView({ client, store, members });
  const notices = h('div', { class: 'notices', role: 'status', 'aria-live': 'polite', testid: 'notices' });
  // Past the sidebar to the conversation (its message box when it has one); on a phone's room list, to the list.
  // The address holds the route, so the link moves focus itself instead of following its #target.
  const skipLink = h('a', { class: 'skip-link', testid: 'skip-link', onClick: (event) => {
    event.preventDefault();
    if (listOnly()) {
      sidebar.nav.focus();
    } else {
      (chat.el.querySelector('[data-testid=composer]:not([hidden]) textarea') ?? chat.el).focus();
    }
  } });
  shell.append(skipLink, sidebar.el, chat.el, members.el, notices);
  replaceChildren(root, shell);

  function listOnly() {
    return NARROW.matches && shell.dataset.pane !== 'chat';
  }

  function updateSkipLink() {
    const toList = listOnly();
    skipLink.href = `#${toList ? sidebar.nav.id : chat.el.id}`;
    skipLink.textContent = toList ? 'Skip to the room list' : 'Skip to the conversation';
  }

  function route() {
    updateSkipLink();
    if (!store.roomsLoaded) {
      // Until the room list is in, an address naming a room cannot tell "member" from "not yet loaded".
      return;
    }
    const roomId = routedRoomId();
    if (roomId) {
      shell.dataset.pane = 'chat';
      updateSkipLink();
      client.openRoom(roomId);
      const room = store.room(roomId);
      document.title = room ? `${room.kind === 'direct' ? '' : '#'}${room.name} · Chat` : 'Chat';
      return;
    }
    shell.dataset.pane = 'list';
    updateSkipLink();
    document.title = 'Chat';
    if (!NARROW.matches) {
      // A wide screen always has room for a chat: show the general room rather than nothing.
      const general = [...store.rooms.values()].find((r) => r.kind === 'general');
      if (general) {
        replaceRoute(general.id);
      }
    }
  }

  function showNotice({ text, kind }) {
    const item = h('p', { class: `notice ${kind ?? 'info'}`, testid: 'notice' }, text);
    notices.append(item);
    setTimeout(() => item.remove(), NOTICE_SHOWS_MS);
  }

  /** Ctrl+K (⌘K) anywhere, or / when not typing, opens the message search (unless a dialog is open already). */
  const onKeyDown = (event) => {
    if (event.defaultPrevented || event.isComposing || document.querySelector('dialog[open]')) {
      return;
    }
    const typing = event.target instanceof Element && event.target.closest('input, textarea, select, [contenteditable=true]');
    const ctrlK = (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 'k';
    const slash = event.key === '/' && !typing && !event.ctrlKey && !event.metaKey && !event.altKey;
    if (ctrlK || slash) {
      event.preventDefault();
      searchDialog({ client, store });
    }
  };
  document.addEventListener('keydown', onKeyDown);
  const onHashChange = () => route();
  window.addEventListener('hashchange', onHashChange);
  const onNarrowChange = () => route();
  NARROW.addEventListener('change', onNarrowChange);

  let routedOnce = false;
  const unsubscribe = [
    store.on('notice', showNotice),
    store.on('rooms', () => {
      // The first room list decides the default room; later ones may name the open room.
      if (store.roomsLoaded && (!routedOnce || !routedRoomId())) {
        routedOnce = true;
        route();
      }
    }),
    store.on('room-removed', ({ roomId }) => {
      if (routedRoomId() === roomId) {
        const general = [...store.rooms.values()].find((r) => r.kind === 'general');
        if (general && !NARROW.matches) {
          replaceRoute(general.id);
        } else {
          replaceRoute(null);
        }
      }
    }),
  ];
  route();

  return () => {
    document.removeEventListener('keydown', onKeyDown);
    window.removeEventListener('hashchange', onHashChange);
    NARROW.removeEventListener('change', onNarrowChange);
    unsubscribe.forEach((off) => off());
    sidebar.destroy();
    chat.destroy();
    members.destroy();
    replaceChildren(root);
  };
}
