// How one message looks in the log: someone's, one's own (sent), a system line, or one's own still pending or
// failed (with retry).

import { avatar, fullTime, h, shortTime } from '../dom.js';
import { icon } from '../icons.js';

/** A stored message. `me` is the signed-in user ({id, username}). */
export function messageItem(message, me) {
  const own = message.sender?.id === me.id;
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
