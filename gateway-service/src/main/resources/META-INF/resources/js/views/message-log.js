// The open room's messages: in seq order with pending sends last, reusing elements; infinite scroll back by seq;
// kept at the newest message unless the reader scrolled up (then a "New messages" button); read once the newest
// is on screen.

import { h } from '../dom.js';
import { icon } from '../icons.js';
import { historyEdge as historyEdgeOf } from '../logic/rooms.js';
import { timelineEntries } from '../logic/sync.js';
import { confirmDialog } from './dialogs.js';
import { messageItem, pendingItem } from './message-items.js';

/** Within this many pixels of the bottom counts as "at the newest message". */
const BOTTOM_SLACK_PX = 48;
/** Older messages load when the top of the log comes this close. */
const TOP_SLACK_PX = 240;

export function messageLog({ client, store }) {
  let roomId = null;
  let stickToBottom = true;
  let renderQueued = false;
  const items = new Map();
  /** key -> the message object an item shows: an edit or a deletion replaces the object, and so the item. */
  const shown = new Map();

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

  function isAtBottom() {
    return scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < BOTTOM_SLACK_PX;
  }

  function scrollToBottom() {
    scroller.scrollTop = scroller.scrollHeight;
    jump.hidden = true;
  }

  /** What one may do to a message of the open room: edit one's own, delete one's own or (owning the room) any. */
  function actionsFor() {
    const room = roomId ? store.room(roomId) : null;
    return {
      canDelete: room?.role === 'owner' && room?.kind === 'channel',
      onEdit: (message) => client.startEdit(message),
      onDelete: async (message) => {
        const sure = await confirmDialog({
          title: 'Delete this message?', text: 'It is removed for everyone in the room. This cannot be undone.',
          confirmLabel: 'Delete', danger: true,
        });
        if (sure) {
          client.deleteMessage(message.roomId, message.seq);
        }
      },
    };
  }

  function itemOf(entry) {
    if (entry.message) {
      return messageItem(entry.message, store.me, entry.message.kind === 'system' ? null : actionsFor());
    }
    const { pending } = entry;
    return pendingItem(pending, store.me, () => client.retry(pending.roomId, pending.clientMsgId));
  }

  /** Puts the log's messages on screen in seq order, reusing elements; pending sends come last. */
  function render() {
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
    for (const entry of timelineEntries(log)) {
      let item = items.get(entry.key);
      if (item && entry.message && shown.get(entry.key) !== entry.message) {
        const changed = itemOf(entry);
        item.replaceWith(changed);
        item = changed;
        items.set(entry.key, item);
      }
      if (!item) {
        item = itemOf(entry);
        items.set(entry.key, item);
      }
      if (entry.message) {
        shown.set(entry.key, entry.message);
      }
      wanted.push([entry.key, item]);
    }
    const keep = new Set(wanted.map(([key]) => key));
    for (const [key, item] of items) {
      if (!keep.has(key)) {
        item.remove();
        items.delete(key);
        shown.delete(key);
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

    const edge = historyEdgeOf(log, room);
    historyEdge.textContent = edge.text;
    historyEdge.dataset.state = edge.state;

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
      requestAnimationFrame(render);
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

  /** Another room (or none): an empty log, to be rendered, that starts at the newest message. */
  function reset(id) {
    roomId = id;
    jump.hidden = true;
    for (const item of items.values()) {
      item.remove();
    }
    items.clear();
    shown.clear();
    list.replaceChildren();
    historyEdge.textContent = '';
    stickToBottom = true;
  }

  return {
    scroller,
    jump,
    reset,
    render,
    queueRender,
    afterRender,
    /** Go to, and stay at, the newest message (one just sent one). */
    stickToBottom: () => {
      stickToBottom = true;
    },
    destroy() {
      document.removeEventListener('visibilitychange', afterRender);
    },
  };
}
