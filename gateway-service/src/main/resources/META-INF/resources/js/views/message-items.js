// How one message looks in the log: someone's, one's own (sent), a system line, or one's own still pending or
// failed (with retry). A stored message shows its images as thumbnails (attachment-media.js), its reactions as chips
// that toggle one's own, and a toolbar (on hover or focus; always on touch screens) with Add reaction, and Edit and
// Delete where one may.

import { avatar, fullTime, h, shortTime } from '../dom.js';
import { icon } from '../icons.js';
import { canReact, reactionChips, reactionLabel } from '../logic/reactions.js';
import { attachmentGallery, pendingGallery } from './attachment-media.js';

/**
 * A stored message. `me` is the signed-in user ({id, username}); `actions` ({canDelete, onEdit, onDelete, onReact,
 * onPick}), when given, puts Add reaction on it (onPick(message, button) opens the picker), Edit (one's own) and Delete
 * (one's own, or any in a room one owns), and makes its reaction chips toggle (onReact(message, emoji, on)). `media`
 * ({loader, open}) loads its images' thumbnails and opens one full size.
 */
export function messageItem(message, me, actions, media) {
  const own = message.sender?.id === me.id;
  if (message.deleted) {
    // Centred like a system line, whoever wrote it: nothing of it is left to attribute.
    return h('li', { class: 'message deleted', testid: 'message', dataset: { seq: message.seq, deleted: 'true' } },
      h('p', { class: 'message-text', testid: 'message-text' }, h('em', {}, 'Message deleted')),
      h('time', { class: 'message-time', datetime: message.createdAt, title: fullTime(message.createdAt) }, shortTime(message.createdAt)));
  }
  if (message.kind === 'system') {
    // Centred, small and muted: a note of what happened (joins, leaves, settings), no one's to answer or react to.
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
    messageText(message.text, message.attachments),
    media ? attachmentGallery(message, media.loader, media.open) : null,
    reactionRow(message, actions),
    own ? h('span', { class: 'message-status', title: 'Sent' }, icon('check'), h('span', { class: 'sr-only' }, 'Sent')) : null,
    messageToolbar(message, own, actions)));
}

/** The reactions under a message: one chip per emoji with its count, pressed when one of them is one's own. */
function reactionRow(message, actions) {
  const chips = reactionChips(message);
  if (chips.length === 0) {
    return null;
  }
  return h('div', { class: 'reactions', testid: 'reactions', role: 'group', 'aria-label': 'Reactions' },
    chips.map((chip) => h('button', {
      type: 'button', class: 'reaction-chip', testid: 'reaction-chip', dataset: { emoji: chip.emoji, count: chip.count },
      'aria-pressed': chip.mine ? 'true' : 'false', 'aria-label': reactionLabel(chip), title: reactionLabel(chip),
      disabled: !actions, onClick: () => actions?.onReact(message, chip.emoji, !chip.mine),
    }, h('span', { class: 'reaction-emoji', 'aria-hidden': 'true' }, chip.emoji),
    h('span', { class: 'reaction-count', 'aria-hidden': 'true' }, String(chip.count)))));
}

/** Add reaction, then Edit and Delete where one may: shown on hover or focus; plain buttons, so they are reached with Tab. */
function messageToolbar(message, own, actions) {
  if (!actions || !canReact(message)) {
    return null;
  }
  const react = h('button', {
    type: 'button', class: 'icon-button', testid: 'message-react', 'aria-label': 'Add reaction', title: 'Add reaction',
    'aria-haspopup': 'menu', 'aria-expanded': 'false', onClick: (event) => actions.onPick(message, event.currentTarget),
  }, icon('smile'));
  return h('div', { class: 'message-toolbar', testid: 'message-toolbar' }, react, messageActions(message, own, actions));
}

/** Edit (one's own) and Delete (one's own, or any in a room one owns). */
function messageActions(message, own, actions) {
  if (!own && !actions.canDelete) {
    return null;
  }
  return h('div', { class: 'message-actions', testid: 'message-actions' },
    own ? h('button', { type: 'button', class: 'icon-button', testid: 'message-edit', 'aria-label': 'Edit message',
      title: 'Edit (Up in an empty message box edits your last one)', onClick: () => actions.onEdit(message) }, icon('pen')) : null,
    own || actions.canDelete ? h('button', { type: 'button', class: 'icon-button', testid: 'message-delete', 'aria-label': 'Delete message',
      title: 'Delete', onClick: () => actions.onDelete(message) }, icon('trash')) : null);
}

/** A message's text; none for an image sent without a caption. */
function messageText(text, attachments) {
  return text === '' && attachments?.length > 0 ? null : h('p', { class: 'message-text', testid: 'message-text' }, text);
}

/** One's own send that has no seq yet: pending, or failed with `onRetry`; its images previewed from the files (`media`). */
export function pendingItem(pending, me, onRetry, media) {
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
    messageText(pending.text, pending.attachments),
    media ? pendingGallery(pending, me, media.loader) : null,
    failed
      ? h('p', { class: 'message-error', role: 'alert' }, icon('alert'), h('span', {}, pending.error ?? 'Not sent.'),
        h('button', { type: 'button', class: 'link', testid: 'message-retry', onClick: onRetry }, 'Retry'))
      : h('span', { class: 'message-status', title: 'Sending' }, icon('clock'), h('span', { class: 'sr-only' }, 'Sending'))));
}
