// The tray above the message box: the images that go with the next message, each with a local preview (a blob URL of
// the file, revoked when the item leaves the tray or the room is switched), its name and size, a progress bar while it
// uploads, its error, and a button that cancels the upload or takes the item out (and Retry when trying again may
// help). Sending waits for uploads: the composer's Send is off until they are done (a line here says so).

import { h } from '../dom.js';
import { icon } from '../icons.js';
import { formatBytes, IMAGE_TYPES } from '../logic/attachments.js';
import { itemStatusText } from '../logic/upload-tray.js';

/**
 * @param currentRoomId the id of the room on screen
 * @param onRemoved called after an item was removed from the keyboard, when focus had nowhere else to go
 */
export function uploadTray({ client, currentRoomId, onRemoved }) {
  const list = h('ul', { class: 'upload-list', testid: 'upload-tray', 'aria-label': 'Images for the next message' });
  const hint = h('p', { class: 'upload-hint', testid: 'upload-hint' });
  const live = h('p', { class: 'sr-only', role: 'status', testid: 'upload-status' });
  const el = h('div', { class: 'upload-tray', hidden: true }, list, hint, live);
  /** key -> {li, url, item, ...its parts}: one element per item while it is in the tray. */
  const shown = new Map();
  let shownRoom = null;

  function render() {
    const roomId = currentRoomId();
    if (roomId !== shownRoom) {
      clear();
      shownRoom = roomId;
    }
    const tray = roomId ? client.uploads.tray(roomId) : null;
    const items = tray?.items ?? [];
    const keys = new Set(items.map((i) => i.key));
    for (const [key, entry] of shown) {
      if (!keys.has(key)) {
        drop(key, entry);
      }
    }
    let previous = null;
    for (const item of items) {
      let entry = shown.get(item.key);
      if (!entry) {
        entry = create(item);
        shown.set(item.key, entry);
      }
      if (entry.item !== item) {
        announce(entry.item, item);
        update(entry, item);
      }
      const expected = previous ? previous.nextSibling : list.firstChild;
      if (expected !== entry.li) {
        if (previous) {
          previous.after(entry.li);
        } else {
          list.prepend(entry.li);
        }
      }
      previous = entry.li;
    }
    el.hidden = items.length === 0;
    hint.textContent = tray?.busy ? 'Uploading… Send is ready once the images are up.' : '';
  }

  function create(item) {
    const preview = h('span', { class: 'upload-preview', 'aria-hidden': 'true' });
    let url = null;
    if (IMAGE_TYPES.includes(item.type.toLowerCase()) && item.status !== 'rejected' && item.file instanceof Blob) {
      url = URL.createObjectURL(item.file);
      // A file that only says it is an image (the server will refuse it) shows the outline instead.
      const img = h('img', { src: url, alt: '', testid: 'upload-preview', onError: () => img.replaceWith(icon('image')) });
      preview.append(img);
    } else {
      preview.append(icon('image'));
    }
    const bar = h('span', { class: 'upload-bar' });
    const progress = h('span', {
      class: 'upload-progress', role: 'progressbar', testid: 'upload-progress', 'aria-valuemin': '0', 'aria-valuemax': '100',
      'aria-label': `Upload of ${item.name}`,
    }, bar);
    const state = h('span', { class: 'upload-state', testid: 'upload-state' });
    const error = h('p', { class: 'upload-error', testid: 'upload-error' });
    const retry = h('button', {
      type: 'button', class: 'link small', testid: 'upload-retry', hidden: true,
      onClick: () => client.uploads.retry(currentRoomId(), item.key),
    }, 'Retry');
    const remove = h('button', {
      type: 'button', class: 'icon-button small', testid: 'upload-remove', onClick: () => removeItem(item.key),
    }, icon('close'));
    const li = h('li', { class: 'upload-item', testid: 'upload-item', dataset: { key: item.key, name: item.name } },
      preview,
      h('span', { class: 'upload-info' },
        h('span', { class: 'upload-name' }, item.name),
        h('span', { class: 'upload-meta' }, h('span', {}, formatBytes(item.size)), state),
        progress, error, retry),
      remove);
    return { li, url, item: null, bar, progress, state, error, retry, remove };
  }

  function update(entry, item) {
    entry.item = item;
    entry.li.dataset.status = item.status;
    const uploading = item.status === 'uploading' || item.status === 'queued';
    entry.progress.hidden = !uploading && item.status !== 'done';
    entry.progress.setAttribute('aria-valuenow', String(item.progress));
    entry.progress.setAttribute('aria-valuetext', itemStatusText(item));
    entry.bar.style.width = `${item.progress}%`;
    const failed = item.status === 'failed' || item.status === 'rejected';
    entry.state.textContent = failed ? 'Not uploaded' : itemStatusText(item);
    entry.error.textContent = failed ? item.error ?? '' : '';
    entry.retry.hidden = !(item.status === 'failed' && item.retryable);
    const label = uploading ? `Cancel upload of ${item.name}` : `Remove ${item.name}`;
    entry.remove.setAttribute('aria-label', label);
    entry.remove.title = label;
  }

  /** Tells a screen reader when an item is ready or failed (progress itself is on the bar). */
  function announce(before, item) {
    if (before?.status === item.status) {
      return;
    }
    if (item.status === 'done') {
      live.textContent = `${item.name}: ready to send.`;
    } else if (item.status === 'failed' || item.status === 'rejected') {
      live.textContent = `${item.name}: ${item.error}`;
    }
  }

  function removeItem(key) {
    const entry = shown.get(key);
    const hadFocus = entry?.li.contains(document.activeElement);
    // Focus moves to the next item's button (or the one before), else back to the message box.
    const next = entry?.li.nextElementSibling ?? entry?.li.previousElementSibling;
    client.uploads.remove(currentRoomId(), key);
    if (hadFocus) {
      const button = next?.isConnected ? next.querySelector('[data-testid=upload-remove]') : null;
      if (button) {
        button.focus();
      } else {
        onRemoved();
      }
    }
  }

  function drop(key, entry) {
    entry.li.remove();
    if (entry.url) {
      URL.revokeObjectURL(entry.url);
    }
    shown.delete(key);
  }

  /** Every preview leaves (another room, or the composer goes): their blob URLs are revoked. */
  function clear() {
    for (const [key, entry] of [...shown]) {
      drop(key, entry);
    }
    live.textContent = '';
  }

  return { el, render, destroy: clear };
}
