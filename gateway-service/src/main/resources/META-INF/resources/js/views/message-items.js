// How one message looks in the log: someone's, one's own (sent), a system line, or one's own still pending or
// failed (with retry).

import { avatar, fullTime, h, shortTime } from '../dom.js';
import { icon } from '../icons.js';

/**
 * A stored message. `me` is the signed-in user ({id, username}); `actions` ({canDelete, onEdit, onDelete}), when given,
 * puts Edit (one's own) and Delete (one's own, or any in a room one owns) on it.
 */
export function messageItem(message, me, actions) {
  const own = message.sender?.id === me.id;
  if (message.deleted) {
    // Centred like a system line, whoever wrote it: nothing of it is left to attribute.
    return h('li', { class: 'message deleted', testid: 'message', dataset: { seq: message.seq, deleted: 'true' } },
      h('p', { class: 'message-text', testid: 'message-text' }, h('em', {}, 'Message deleted')),
      h('time', { class: 'message-time', datetime: message.createdAt, title: fullTime(message.createdAt) }, shortTime(message.createdAt)));
  }
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
        shortTime(message.createdAt)),
      message.editedAt
        ? h('span', { class: 'message-edited', testid: 'message-edited', title: `Edited ${fullTime(message.editedAt)}` }, '(edited)')
        : null),
    h('p', { class: 'message-text', testid: 'message-text' }, message.text),
    own ? h('span', { class: 'message-status', title: 'Sent' }, icon('check'), h('span', { class: 'sr-only' }, 'Sent')) : null,
    messageActions(message, own, actions)));
}

/** Edit and Delete, shown on hover or focus; plain buttons, so they are reached with Tab. */
function messageActions(message, own, actions) {
  if (!actions || (!own && !actions.canDelete)) {
    return null;
  }
  return h('div', { class: 'message-actions', testid: 'message-actions' },
    own ? h('button', { type: 'button', class: 'icon-button', testid: 'message-edit', 'aria-label': 'Edit message',
      title: 'Edit (Up in an empty message box edits your last one)', onClick: () => actions.onEdit(message) }, icon('pen')) : null,
    own || actions.canDelete ? h('button', { type: 'button', class: 'icon-button', testid: 'message-delete', 'aria-label': 'Delete message',
      title: 'Delete', onClick: () => actions.onDelete(message) }, icon('trash')) : null);
}

/** One's own send that has no seq yet: pending, or failed with `onRetry`. */
export function pendingItem(pending, me, onRetry) {
  const failed = pending.status === 'failed';
  return h('li', {
    class: `message own ${failed ? 'failed' : 'pending'}`, testid: 'message',
    dataset: { own: 'true', status: pending.status, clientMsgId: pending.clientMsgId, sender: me.username },
  },
  avatar(me.username),
  h('div', { class: 'bubble' },
    h('div', { class: 'message-meta' },
      h('span', { class: 'message-sender', testid: 'message-sender' }, me.username),
      h('span', { class: 'message-time' }, failed ? 'Not sent' : 'Sending…')),
    h('p', { class: 'message-text', testid: 'message-text' }, pending.text),
    failed
      ? h('p', { class: 'message-error', role: 'alert' }, icon('alert'), h('span', {}, pending.error ?? 'Not sent.'),
        h('button', { type: 'button', class: 'link', testid: 'message-retry', onClick: onRetry }, 'Retry'))
      : h('span', { class: 'message-status', title: 'Sending' }, icon('clock'), h('span', { class: 'sr-only' }, 'Sending'))));
}
