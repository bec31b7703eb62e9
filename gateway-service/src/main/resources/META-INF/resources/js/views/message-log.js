// The open room's messages: in seq order with pending sends last, reusing elements; infinite scroll back by seq;
// kept at the newest message unless the reader scrolled up (then a "New messages" button); read once the newest
// is on screen. After a jump to an older message (a search result) the log shows the history around it, marks it,
// reads on downwards as it is scrolled, and offers "Jump to latest". Reactions are picked in one shared picker; images
// load as they near the view (attachment-media.js) and open in a viewer (image-viewer.js).

import { h } from '../dom.js';
import { icon } from '../icons.js';
import { historyEdge as historyEdgeOf } from '../logic/rooms.js';
import { timelineEntries } from '../logic/sync.js';
import { MediaLoader } from './attachment-media.js';
import { confirmDialog } from './dialogs.js';
import { imageViewer } from './image-viewer.js';
import { focusedControl, refocus } from './item-focus.js';
import { messageItem, pendingItem } from './message-items.js';
import { reactionPicker } from './reaction-picker.js';

/** Within this many pixels of the bottom counts as "at the newest message". */
const BOTTOM_SLACK_PX = 48;
/** Older messages load when the top of the log comes this close (and newer ones, after a jump, the bottom). */
const TOP_SLACK_PX = 240;
/** A message jumped to stays marked this long. */
const TARGET_MARKED_MS = 4000;

export function messageLog({ client, store }) {
  let roomId = null;
  let stickToBottom = true;
  let renderQueued = false;
  const items = new Map();
  /** key -> the message object an item shows: an edit or a deletion replaces the object, and so the item. */
  const shown = new Map();

  /** Whether the window stopped short of the newest message at the last render (then nothing sticks to the bottom). */
  let wasDetached = false;
  let markTimer = null;

  const historyEdge = h('div', { class: 'history-edge', testid: 'history-edge' });
  const list = h('ol', { class: 'log', testid: 'message-log' });
  const futureEdge = h('div', { class: 'history-edge', testid: 'future-edge' });
  const scroller = h('div', {
    class: 'log-scroller', testid: 'message-scroller', tabindex: '0', role: 'log', 'aria-label': 'Messages',
  }, historyEdge, list, futureEdge);
  const jumpText = h('span', {}, 'New messages');
  const jump = h('button', { type: 'button', class: 'jump-latest', hidden: true, testid: 'jump-latest', onClick: () => {
    stickToBottom = true;
    if (jump.dataset.mode === 'latest') {
      client.jumpToLatest(roomId);
      return;
    }
    scrollToBottom();
    afterRender();
  } }, jumpText, icon('back', 'icon down'));
  const picker = reactionPicker({
    onPick: (message, emoji, on) => client.react(message.roomId, message.seq, emoji, on),
    returnFocus: (message, trigger) => {
      const item = items.get(`s${message.seq}`);
      const button = trigger.isConnected ? trigger : item?.querySelector('[data-testid=message-react]');
      (button ?? item)?.focus({ preventScroll: true });
    },
  });

  /** Thumbnails load as they near the view (blob URLs released with their items); a click opens one full size. */
  const media = {
    loader: new MediaLoader({ root: scroller, fetch: (id, variant) => client.attachmentImage(id, variant) }),
    open: (attachment, message, trigger) => imageViewer({
      attachment, sender: message.sender?.username ?? 'unknown', trigger,
      load: () => client.attachmentImage(attachment.attachmentId, 'original'),
    }),
  };

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
      onReact: (message, emoji, on) => client.react(message.roomId, message.seq, emoji, on),
      onPick: (message, button) => picker.open(message, button),
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
      return messageItem(entry.message, store.me, entry.message.kind === 'system' ? null : actionsFor(), media);
    }
    const { pending } = entry;
    return pendingItem(pending, store.me, () => client.retry(pending.roomId, pending.clientMsgId), media);
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
    // A window short of the newest message (after a jump) grows downwards as it is read: it never sticks to its bottom.
    const detached = log.hasMoreAfter || wasDetached;
    // Keep what the reader looks at in place when older messages are put above it.
    let anchor = null;
    if ((!wasAtBottom || detached) && !stickToBottom) {
      for (const child of list.children) {
        if (child.offsetTop + child.offsetHeight > scroller.scrollTop) {
          anchor = { el: child, offset: child.offsetTop - scroller.scrollTop };
          break;
        }
      }
    }
    const wanted = [];
    /** One's own sends stored in this render, by clientMsgId: they take over their pending drawing's images. */
    const stored = new Map();
    for (const entry of timelineEntries(log)) {
      let item = items.get(entry.key);
      if (item && entry.message && shown.get(entry.key) !== entry.message) {
        const changed = itemOf(entry);
        const focused = focusedControl(item);
        item.replaceWith(changed);
        media.loader.adopt(item, changed);
        refocus(changed, focused);
        item = changed;
        items.set(entry.key, item);
      }
      if (!item) {
        item = itemOf(entry);
        items.set(entry.key, item);
        if (entry.message?.clientMsgId && entry.message.sender?.id === store.me?.id) {
          stored.set(entry.message.clientMsgId, item);
        }
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
        // A pending send's key is p<clientMsgId>:<status>; stored now, its local images move to the message.
        const heir = key.startsWith('p') ? stored.get(key.slice(1, key.lastIndexOf(':'))) : null;
        if (heir) {
          media.loader.adopt(item, heir);
        } else {
          media.loader.release(item);
        }
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
    futureEdge.textContent = log.loadingNewer ? 'Loading newer messages…' : '';
    futureEdge.dataset.state = log.loadingNewer ? 'loading' : log.hasMoreAfter ? 'more' : 'end';

    if (stickToBottom || (wasAtBottom && !detached)) {
      scrollToBottom();
    } else if (anchor?.el.isConnected) {
      scroller.scrollTop = anchor.el.offsetTop - anchor.offset;
    }
    if (log.hasMoreAfter) {
      jump.dataset.mode = 'latest';
      jumpText.textContent = 'Jump to latest';
      jump.hidden = false;
    } else {
      if (jump.dataset.mode === 'latest') {
        jump.hidden = true;
      }
      delete jump.dataset.mode;
      jumpText.textContent = 'New messages';
      if (appended && !isAtBottom()) {
        jump.hidden = false;
      }
    }
    showTarget(log);
    if (log.loaded) {
      stickToBottom = false;
    }
    wasDetached = log.hasMoreAfter;
    afterRender();
  }

  /** A message jumped to (log.focusSeq): brought to the middle of the log, marked for a while, and focused. */
  function showTarget(log) {
    const seq = log.focusSeq;
    if (seq === undefined || seq === null || !log.loaded) {
      return;
    }
    log.focusSeq = null;
    const item = items.get(`s${seq}`);
    if (!item) {
      client.notice('That message is no longer there.');
      return;
    }
    list.querySelectorAll('[data-target]').forEach((el) => delete el.dataset.target);
    item.dataset.target = 'true';
    item.tabIndex = -1;
    item.scrollIntoView({ block: 'center' });
    item.focus({ preventScroll: true });
    clearTimeout(markTimer);
    markTimer = setTimeout(() => {
      if (item.isConnected) {
        delete item.dataset.target;
      }
    }, TARGET_MARKED_MS);
  }

  /** The seq of the message in the middle of the log's view (found by halving: items are in seq order); null if none. */
  function seqMidScreen() {
    const children = list.children;
    const middle = scroller.scrollTop + scroller.clientHeight / 2;
    let low = 0;
    let high = children.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      const child = children[mid];
      if (child.offsetTop + child.offsetHeight <= middle) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    for (let i = Math.min(low, children.length - 1); i >= 0; i -= 1) {
      const seq = Number(children[i].dataset.seq);
      if (children[i].dataset.seq && Number.isInteger(seq)) {
        return seq;
      }
    }
    return null;
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
    // Where the reader is, for which messages a reconnect reads again: the newest, or the ones around mid-screen.
    client.noteOnScreen(roomId, !log.hasMoreAfter && isAtBottom() ? null : seqMidScreen());
    if (log.hasMoreAfter) {
      // Older messages on screen: the newest are not read yet; near the bottom, the next page comes.
      const fromBottom = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight;
      if (fromBottom < TOP_SLACK_PX && !log.loadingNewer) {
        client.loadNewer(roomId);
      }
    } else if (isAtBottom()) {
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
    picker.close();
    jump.hidden = true;
    delete jump.dataset.mode;
    wasDetached = false;
    for (const item of items.values()) {
      item.remove();
      media.loader.release(item);
    }
    items.clear();
    shown.clear();
    list.replaceChildren();
    historyEdge.textContent = '';
    futureEdge.textContent = '';
    stickToBottom = true;
  }

  return {
    scroller,
    jump,
    picker: picker.el,
    reset,
    render,
    queueRender,
    afterRender,
    /** Go to, and stay at, the newest message (one just sent one). */
    stickToBottom: () => {
      stickToBottom = true;
    },
    destroy() {
      clearTimeout(markTimer);
      media.loader.release(list);
      media.loader.disconnect();
      document.removeEventListener('visibilitychange', afterRender);
    },
  };
}
