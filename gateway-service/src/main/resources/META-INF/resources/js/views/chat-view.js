// The open room: its header and actions, the message log (infinite scroll back by seq), who is typing, and
// the send box. Rooms one is not a member of show a join panel instead.

import { ApiError } from '../api.js';
import { label } from '../chat.js';
import { avatar, field, fullTime, h, openDialog, presenceDot, replaceChildren, shortTime, uid } from '../dom.js';
import { icon } from '../icons.js';
import { goToList, inviteLink } from '../router.js';
import { confirmDialog, joinRequestsDialog } from './dialogs.js';

/** Within this many pixels of the bottom counts as "at the newest message". */
const BOTTOM_SLACK_PX = 48;
/** Older messages load when the top of the log comes this close. */
const TOP_SLACK_PX = 240;

export function chatView({ client, store, members }) {
  let roomId = null;
  let stickToBottom = true;
  let renderQueued = false;
  let joinPanelFor = null;
  const items = new Map();

  const title = h('h1', { class: 'room-title', id: uid('room-title'), testid: 'room-title' });
  const topic = h('p', { class: 'room-topic', testid: 'room-topic' });
  const back = h('a', { class: 'icon-button back', href: '#/', testid: 'back-to-list', 'aria-label': 'Back to rooms', onClick: (event) => {
    event.preventDefault();
    goToList();
  } }, icon('back'));
  const requestsBadge = h('span', { class: 'badge' });
  const requestsButton = h('button', {
    type: 'button', class: 'chip', testid: 'join-requests', hidden: true,
    onClick: () => joinRequestsDialog({ client, store, roomId }),
  }, icon('inbox'), h('span', { class: 'chip-label' }, 'Requests'), requestsBadge);
  const memberCount = h('span', { class: 'chip-count', testid: 'member-count' });
  const membersButton = h('button', {
    type: 'button', class: 'chip', testid: 'members-toggle', 'aria-controls': 'members-panel', 'aria-expanded': 'false',
    onClick: () => members.toggle(),
  }, icon('users'), memberCount, h('span', { class: 'sr-only' }, 'Members'));
  const menuId = uid('room-menu');
  const menu = h('div', { id: menuId, popover: 'auto', class: 'menu', role: 'menu', testid: 'room-menu' });
  const menuButton = h('button', {
    type: 'button', class: 'icon-button', popovertarget: menuId, testid: 'room-menu-button', 'aria-label': 'Room actions', 'aria-haspopup': 'menu',
  }, icon('more', 'icon icon-more'));
  menu.addEventListener('toggle', (event) => {
    if (event.newState === 'open') {
      // Under its button, kept inside the window.
      const rect = menuButton.getBoundingClientRect();
      menu.style.top = `${Math.round(rect.bottom + 4)}px`;
      menu.style.right = `${Math.max(8, Math.round(window.innerWidth - rect.right))}px`;
      menu.querySelector('button')?.focus();
    }
  });
  const actions = h('div', { class: 'chat-actions' }, requestsButton, membersButton, menuButton, menu);
  const header = h('header', { class: 'chat-head' },
    back,
    h('div', { class: 'chat-title' }, title, topic),
    actions);

  const historyEdge = h('div', { class: 'history-edge', testid: 'history-edge' });
  const list = h('ol', { class: 'log', testid: 'message-log' });
  const scroller = h('div', {
    class: 'log-scroller', testid: 'message-scroller', tabindex: '0', role: 'log', 'aria-label': 'Messages',
  }, historyEdge, list);
  const jump = h('button', { type: 'button', class: 'jump-latest', hidden: true, testid: 'jump-latest', onClick: () => {
    stickToBottom = true;
    scrollToBottom();
    afterRender();
  } }, 'New messages', icon('back', 'icon down'));
  const typingLine = h('p', { class: 'typing', testid: 'typing-indicator', 'aria-live': 'polite' });

  const inputId = uid('composer');
  const input = h('textarea', {
    id: inputId, class: 'composer-input', testid: 'composer-input', rows: '1', maxlength: '4000',
    enterkeyhint: 'send', autocomplete: 'off',
  });
  const composerLabel = h('label', { for: inputId, class: 'sr-only' }, 'Message');
  const sendButton = h('button', { type: 'submit', class: 'send-button', testid: 'composer-send', 'aria-label': 'Send' }, icon('send'));
  const composer = h('form', { class: 'composer', testid: 'composer' }, composerLabel, input, sendButton);

  const joinPanel = h('section', { class: 'join-panel', testid: 'join-panel', hidden: true, 'aria-live': 'polite' });
  const placeholder = h('div', { class: 'chat-placeholder', testid: 'chat-placeholder' },
    h('span', { class: 'logo big', 'aria-hidden': 'true' }), h('p', {}, 'Pick a room or a person to start talking.'));

  const el = h('section', { class: 'chat', testid: 'chat-view', 'aria-labelledby': title.id },
    header, scroller, jump, typingLine, composer, joinPanel, placeholder);

  // ---- composing ----

  function autosize() {
    input.style.height = 'auto';
    input.style.height = `${Math.min(input.scrollHeight, 160)}px`;
  }

  input.addEventListener('keydown', (event) => {
    // Enter sends; Shift+Enter is a new line; an IME composition's Enter belongs to the composition.
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      composer.requestSubmit();
    }
  });
  input.addEventListener('input', () => {
    autosize();
    if (roomId && input.value.trim()) {
      client.typing(roomId);
    }
  });
  composer.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = input.value;
    if (!roomId || !text.trim()) {
      return;
    }
    if (client.send(roomId, text)) {
      input.value = '';
      autosize();
      stickToBottom = true;
    }
    input.focus();
  });

  // ---- the log ----

  function isAtBottom() {
    return scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < BOTTOM_SLACK_PX;
  }

  function scrollToBottom() {
    scroller.scrollTop = scroller.scrollHeight;
    jump.hidden = true;
  }

  function messageItem(message) {
    const own = message.sender?.id === store.me.id;
    if (message.kind === 'system') {
      return h('li', { class: 'message system', testid: 'message', dataset: { seq: message.seq, kind: 'system' } },
        h('p', { class: 'message-text', testid: 'message-text' }, message.text),
        h('time', { class: 'message-time', datetime: message.createdAt, title: fullTime(message.createdAt) }, shortTime(message.createdAt)));
    }
    const name = message.sender?.username ?? 'unknown';
    return h('li', {
      class: `message${own ? ' own' : ''}`, testid: 'message',
      dataset: { seq: message.seq, own: own ? 'true' : 'false', sender: name, status: own ? 'sent' : undefined, clientMsgId: message.clientMsgId },
    },
    avatar(name),
    h('div', { class: 'bubble' },
      h('div', { class: 'message-meta' },
        h('span', { class: 'message-sender', testid: 'message-sender' }, name),
        own ? h('span', { class: 'sr-only' }, '(you)') : null,
        h('time', { class: 'message-time', testid: 'message-time', datetime: message.createdAt, title: fullTime(message.createdAt) },
          shortTime(message.createdAt))),
      h('p', { class: 'message-text', testid: 'message-text' }, message.text),
      own ? h('span', { class: 'message-status', title: 'Sent' }, icon('check'), h('span', { class: 'sr-only' }, 'Sent')) : null));
  }

  function pendingItem(pending) {
    const failed = pending.status === 'failed';
    return h('li', {
      class: `message own ${failed ? 'failed' : 'pending'}`, testid: 'message',
      dataset: { own: 'true', status: pending.status, clientMsgId: pending.clientMsgId, sender: store.me.username },
    },
    avatar(store.me.username),
    h('div', { class: 'bubble' },
      h('div', { class: 'message-meta' },
        h('span', { class: 'message-sender', testid: 'message-sender' }, store.me.username),
        h('span', { class: 'message-time' }, failed ? 'Not sent' : 'Sending…')),
      h('p', { class: 'message-text', testid: 'message-text' }, pending.text),
      failed
        ? h('p', { class: 'message-error', role: 'alert' }, icon('alert'), h('span', {}, pending.error ?? 'Not sent.'),
          h('button', { type: 'button', class: 'link', testid: 'message-retry', onClick: () => client.retry(pending.roomId, pending.clientMsgId) }, 'Retry'))
        : h('span', { class: 'message-status', title: 'Sending' }, icon('clock'), h('span', { class: 'sr-only' }, 'Sending'))));
  }

  /** Puts the log's messages on screen in seq order, reusing elements; pending sends come last. */
  function renderLog() {
    renderQueued = false;
    const log = roomId ? store.logs.get(roomId) : null;
    const room = roomId ? store.room(roomId) : null;
    if (!log || !room) {
      return;
    }
    const wasAtBottom = isAtBottom();
    // Keep what the reader looks at in place when older messages are put above it.
    let anchor = null;
    if (!wasAtBottom && !stickToBottom) {
      for (const child of list.children) {
        if (child.offsetTop + child.offsetHeight > scroller.scrollTop) {
          anchor = { el: child, offset: child.offsetTop - scroller.scrollTop };
          break;
        }
      }
    }
    const wanted = [];
    for (const message of log.messages()) {
      const key = `s${message.seq}`;
      let item = items.get(key);
      if (!item) {
        item = messageItem(message);
        items.set(key, item);
      }
      wanted.push([key, item]);
    }
    for (const pending of log.pending.values()) {
      const key = `p${pending.clientMsgId}:${pending.status}`;
      let item = items.get(key);
      if (!item) {
        item = pendingItem(pending);
        items.set(key, item);
      }
      wanted.push([key, item]);
    }
    const keep = new Set(wanted.map(([key]) => key));
    for (const [key, item] of items) {
      if (!keep.has(key)) {
        item.remove();
        items.delete(key);
      }
    }
    let previous = null;
    let appended = false;
    for (const [, item] of wanted) {
      const expected = previous ? previous.nextSibling : list.firstChild;
      if (expected !== item) {
        if (previous) {
          previous.after(item);
        } else {
          list.prepend(item);
        }
        appended = appended || item === list.lastChild;
      }
      previous = item;
    }

    if (log.error && !log.loaded) {
      historyEdge.textContent = log.error;
      historyEdge.dataset.state = 'error';
    } else if (!log.loaded || log.loadingOlder) {
      historyEdge.textContent = log.loaded ? 'Loading older messages…' : 'Loading messages…';
      historyEdge.dataset.state = 'loading';
    } else if (!log.hasMoreBefore) {
      historyEdge.textContent = room.kind === 'direct'
        ? `This is the beginning of your conversation with ${room.name}.`
        : `This is the beginning of #${room.name}.`;
      historyEdge.dataset.state = 'start';
    } else {
      historyEdge.textContent = '';
      historyEdge.dataset.state = 'more';
    }

    if (stickToBottom || wasAtBottom) {
      scrollToBottom();
    } else if (anchor?.el.isConnected) {
      scroller.scrollTop = anchor.el.offsetTop - anchor.offset;
    }
    if (appended && !isAtBottom()) {
      jump.hidden = false;
    }
    if (log.loaded) {
      stickToBottom = false;
    }
    afterRender();
  }

  function queueRender() {
    if (!renderQueued) {
      renderQueued = true;
      requestAnimationFrame(renderLog);
    }
  }

  /** Reading: at the newest message of a visible page, the room counts as read. Near the top, older ones load. */
  function afterRender() {
    const log = roomId ? store.logs.get(roomId) : null;
    if (!log?.loaded) {
      return;
    }
    if (isAtBottom()) {
      jump.hidden = true;
      if (document.visibilityState === 'visible') {
        client.markRead(roomId);
      }
    }
    if (scroller.scrollTop < TOP_SLACK_PX && log.hasMoreBefore && !log.loadingOlder) {
      client.loadOlder(roomId);
    }
  }

  scroller.addEventListener('scroll', afterRender, { passive: true });
  document.addEventListener('visibilitychange', afterRender);

  function renderTyping() {
    const names = roomId ? store.typingIn(roomId) : [];
    let text = '';
    if (names.length === 1) {
      text = `${names[0]} is typing…`;
    } else if (names.length === 2) {
      text = `${names[0]} and ${names[1]} are typing…`;
    } else if (names.length > 2) {
      text = 'Several people are typing…';
    }
    typingLine.textContent = text;
    typingLine.dataset.active = text ? 'true' : 'false';
  }

  // ---- header ----

  function renderHeader() {
    const room = roomId ? store.room(roomId) : null;
    if (!room) {
      return;
    }
    const direct = room.kind === 'direct';
    replaceChildren(title,
      direct ? presenceDot(store.isOnline(room.peer?.id)) : icon(room.visibility === 'private' ? 'lock' : 'hash', 'icon title-icon'),
      h('span', {}, room.name));
    topic.textContent = room.topic ?? (direct ? 'Direct message' : room.kind === 'general' ? 'Everyone is here' : '');
    const roster = store.members.get(room.id);
    memberCount.textContent = roster ? String(roster.length) : '';
    membersButton.setAttribute('aria-expanded', members.isOpen() ? 'true' : 'false');
    const owner = room.role === 'owner' && room.kind === 'channel';
    const waiting = store.joinRequests.get(room.id)?.length ?? 0;
    requestsButton.hidden = !(owner && room.visibility === 'private');
    requestsBadge.textContent = waiting ? String(waiting) : '';
    requestsBadge.hidden = waiting === 0;
    requestsButton.setAttribute('aria-label', `Join requests: ${waiting}`);

    const actions = [];
    if (room.kind === 'channel') {
      actions.push(menuItem('link', 'Invite people', 'invite-link', () => inviteDialog(room)));
    }
    if (owner && room.visibility === 'private') {
      actions.push(menuItem('inbox', 'Join requests', 'menu-join-requests', () => joinRequestsDialog({ client, store, roomId: room.id })));
    }
    if (room.kind === 'channel' && !owner) {
      actions.push(menuItem('door', 'Leave room', 'leave-room', () => leave(room)));
    }
    if (owner) {
      actions.push(menuItem('trash', 'Delete room', 'delete-room', () => remove(room), true));
    }
    // Rebuilt only when the choice changes: an open menu keeps its focus while messages arrive.
    const signature = `${room.id}:${actions.map((a) => a.dataset.testid).join(',')}`;
    if (menu.dataset.signature !== signature) {
      menu.dataset.signature = signature;
      replaceChildren(menu, actions);
    }
    menuButton.hidden = actions.length === 0;
  }

  function menuItem(iconName, text, testid, action, danger = false) {
    return h('button', {
      type: 'button', role: 'menuitem', class: `menu-item${danger ? ' danger' : ''}`, testid,
      onClick: () => {
        menu.hidePopover();
        action();
      },
    }, icon(iconName), text);
  }

  function inviteDialog(room) {
    openDialog({
      title: `Invite people to #${room.name}`,
      testid: 'invite-dialog',
      build(close) {
        const link = field({ label: 'Invite link', name: 'link', testid: 'invite-link-value', value: inviteLink(room.id) });
        link.input.readOnly = true;
        const status = h('p', { class: 'form-status', role: 'status' });
        return h('div', { class: 'dialog-body' },
          h('p', {}, room.visibility === 'private'
            ? 'People who open this link can ask to join; you approve them. With the room password they get in at once.'
            : 'Anyone with this link can join.'),
          link.wrapper,
          status,
          h('div', { class: 'dialog-actions' },
            h('button', { type: 'button', class: 'button', onClick: close }, 'Done'),
            h('button', {
              type: 'button', class: 'button primary', onClick: async () => {
                link.input.select();
                try {
                  await navigator.clipboard.writeText(link.input.value);
                  status.textContent = 'Copied.';
                } catch {
                  status.textContent = 'Press Ctrl+C (or ⌘C) to copy the selected link.';
                }
              },
            }, 'Copy link')));
      },
    });
  }

  async function leave(room) {
    if (await confirmDialog({ title: `Leave #${room.name}?`, text: 'You can join again later if the room lets you.', confirmLabel: 'Leave room' })) {
      try {
        await client.leaveRoom(room.id);
        client.notice(`You left #${room.name}.`);
      } catch (error) {
        client.notice(error instanceof ApiError ? error.friendly : 'Could not leave the room.', 'error');
      }
    }
  }

  async function remove(room) {
    if (await confirmDialog({
      title: `Delete #${room.name}?`, text: 'The room and all its messages are deleted for everyone. This cannot be undone.',
      confirmLabel: 'Delete room', danger: true,
    })) {
      try {
        await client.deleteRoom(room.id);
        client.notice(`#${room.name} was deleted.`);
      } catch (error) {
        client.notice(error instanceof ApiError ? error.friendly : 'Could not delete the room.', 'error');
      }
    }
  }

  // ---- rooms one is not in ----

  async function renderJoinPanel(id) {
    joinPanelFor = id;
    replaceChildren(title, h('span', {}, 'Join a room'));
    topic.textContent = '';
    replaceChildren(joinPanel, h('p', { class: 'muted' }, 'Looking up the room…'));
    let room = null;
    let privateRoom = false;
    try {
      room = await client.api.room(id);
    } catch (error) {
      if (error instanceof ApiError && error.status === 403) {
        privateRoom = true;
      } else if (joinPanelFor === id) {
        replaceChildren(joinPanel, h('h2', {}, 'Room not found'),
          h('p', {}, error instanceof ApiError && error.status === 404
            ? 'This room does not exist or was deleted.' : (error.friendly ?? 'The room could not be loaded.')));
        return;
      }
    }
    if (joinPanelFor !== id) {
      return;
    }
    const status = h('p', { class: 'form-status', role: 'status', testid: 'join-status' });
    const password = field({ label: 'Password (if you have one)', name: 'password', type: 'password', autocomplete: 'off', testid: 'join-password' });
    const submit = h('button', { type: 'submit', class: 'button primary', testid: 'join-submit' }, privateRoom ? 'Join' : 'Join room');
    const form = h('form', { class: 'join-form', novalidate: true },
      privateRoom ? password.wrapper : null,
      status,
      h('div', { class: 'dialog-actions' }, submit));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      status.textContent = '';
      password.setError(null);
      submit.disabled = true;
      try {
        const outcome = await client.joinRoom(id, privateRoom ? password.input.value || undefined : undefined);
        if (outcome === 'member') {
          client.openRoom(id);
        } else {
          status.textContent = 'Request sent. You will get in once the owner approves.';
          status.dataset.state = 'pending';
        }
      } catch (error) {
        if (error instanceof ApiError && error.code === 'wrong_password') {
          password.setError('Wrong password. Leave it empty to ask the owner instead.');
          password.input.focus();
        } else {
          status.textContent = error instanceof ApiError ? error.friendly : 'Could not join.';
        }
      } finally {
        submit.disabled = false;
      }
    });
    replaceChildren(joinPanel,
      h('h2', { testid: 'join-room-name' }, room ? `#${room.name}` : 'A private room'),
      room?.topic ? h('p', {}, room.topic) : null,
      h('p', { class: 'muted' }, privateRoom
        ? 'This room is private. Enter its password to get in at once, or leave it empty to ask the owner.'
        : 'You are not a member of this room yet.'),
      form);
    if (room) {
      replaceChildren(title, icon('hash', 'icon title-icon'), h('span', {}, room.name));
    }
    (privateRoom ? password.input : submit).focus();
  }

  // ---- switching rooms ----

  function show(id) {
    roomId = id;
    const room = id ? store.room(id) : null;
    const member = room !== null;
    el.dataset.roomId = id ?? '';
    el.dataset.mode = !id ? 'empty' : member ? 'room' : 'join';
    placeholder.hidden = Boolean(id);
    header.hidden = !id;
    scroller.hidden = !member;
    composer.hidden = !member;
    typingLine.hidden = !member;
    actions.hidden = !member;
    jump.hidden = true;
    joinPanel.hidden = !id || member;
    for (const item of items.values()) {
      item.remove();
    }
    items.clear();
    list.replaceChildren();
    historyEdge.textContent = '';
    if (!id) {
      return;
    }
    if (member) {
      joinPanelFor = null;
      stickToBottom = true;
      input.placeholder = room.kind === 'direct' ? `Message ${room.name}` : `Message #${room.name}`;
      composerLabel.textContent = `Message ${label(room)}`;
      renderHeader();
      renderLog();
      renderTyping();
      if (window.matchMedia('(pointer: fine)').matches) {
        input.focus({ preventScroll: true });
      }
    } else {
      renderJoinPanel(id);
    }
  }

  const unsubscribe = [
    store.on('active', ({ roomId: id }) => show(id)),
    store.on('messages', ({ roomId: id, sent }) => {
      if (id === roomId) {
        if (sent) {
          stickToBottom = true;
        }
        queueRender();
      }
    }),
    store.on('rooms', () => {
      if (!roomId) {
        return;
      }
      const known = store.rooms.has(roomId);
      if (known && el.dataset.mode === 'join') {
        // Let in (joined, or a request approved): the room replaces the join panel.
        client.openRoom(roomId);
        show(roomId);
      } else if (known) {
        renderHeader();
        // Counts can change under an open room (another list, another tab): the newest on screen is read.
        afterRender();
      }
    }),
    store.on('typing', ({ roomId: id }) => {
      if (id === roomId) {
        renderTyping();
      }
    }),
    store.on('join-requests', ({ roomId: id }) => {
      if (id === roomId) {
        renderHeader();
      }
    }),
    store.on('members', ({ roomId: id }) => {
      if (id === roomId) {
        renderHeader();
      }
    }),
    store.on('presence', () => {
      if (roomId && store.room(roomId)?.kind === 'direct') {
        renderHeader();
      }
    }),
    store.on('members-panel', () => renderHeader()),
  ];

  show(null);
  return {
    el,
    destroy() {
      unsubscribe.forEach((off) => off());
      document.removeEventListener('visibilitychange', afterRender);
    },
  };
}
