// The send box: Enter sends, Shift+Enter is a new line; it grows with its text up to a few lines, tells the room
// one is typing, and takes its length limit from the server (store.limits, from the welcome frame). It also edits:
// Up in an empty box (or a message's Edit button) puts one's message in it; Enter saves, Escape cancels. Images are
// attached with the paperclip button, pasted into the box, or dropped on the chat (chat-view.js); they wait in the
// tray above (upload-tray.js) and go with the next message. Send is on when there is text or a finished upload, and
// off while uploads run.

import { h, uid } from '../dom.js';
import { icon } from '../icons.js';
import { IMAGE_TYPES } from '../logic/attachments.js';
import { composerPlaceholder, label } from '../logic/rooms.js';
import { uploadTray } from './upload-tray.js';

/** The box grows with its text up to this height. */
const MAX_HEIGHT_PX = 160;

/**
 * @param currentRoomId the id of the room on screen (null for none)
 * @param onSent called when a message was handed to the client
 */
export function composer({ client, store, currentRoomId, onSent }) {
  const inputId = uid('composer');
  const input = h('textarea', {
    id: inputId, class: 'composer-input', testid: 'composer-input', rows: '1', maxlength: String(store.limits.maxTextLength),
    enterkeyhint: 'send', autocomplete: 'off',
  });
  const composerLabel = h('label', { for: inputId, class: 'sr-only' }, 'Message');
  const sendButton = h('button', { type: 'submit', class: 'send-button', testid: 'composer-send', 'aria-label': 'Send' }, icon('send'));
  const editing = h('p', { class: 'composer-editing', testid: 'composer-editing', hidden: true },
    h('span', {}, 'Editing your message'), ' ',
    h('button', { type: 'button', class: 'link', testid: 'composer-edit-cancel', onClick: () => stopEdit() }, 'Cancel (Esc)'));
  // The file picker is the button's: hidden, it takes no focus of its own.
  const fileInput = h('input', {
    type: 'file', accept: IMAGE_TYPES.join(','), multiple: true, hidden: true, tabindex: '-1', testid: 'attach-input',
    onChange: () => {
      addFiles(fileInput.files);
      fileInput.value = '';
    },
  });
  const attachButton = h('button', {
    type: 'button', class: 'icon-button attach-button', testid: 'composer-attach', 'aria-label': 'Attach images',
    title: 'Attach images (or paste or drop them)', onClick: () => fileInput.click(),
  }, icon('paperclip'));
  const tray = uploadTray({ client, currentRoomId, onRemoved: () => input.focus() });
  const el = h('form', { class: 'composer', testid: 'composer' }, tray.el, editing, attachButton, fileInput, composerLabel, input, sendButton);
  /** The message being edited ({roomId, seq, text}), or null when the box sends. */
  let edited = null;

  /** Files from the button, a paste or a drop, for the next message (not while editing one). */
  function addFiles(files) {
    const roomId = currentRoomId();
    if (roomId && !edited && files?.length > 0) {
      client.uploads.add(roomId, files);
    }
  }

  /** Send is on with text, or with a finished upload and none running; an edit needs text. */
  function updateSend() {
    const roomId = currentRoomId();
    const text = input.value;
    const enabled = Boolean(roomId) && (edited
      ? text.trim() !== ''
      : client.uploads.tray(roomId).sendState(text, store.limits).enabled);
    sendButton.disabled = !enabled;
    attachButton.disabled = Boolean(edited);
  }

  function startEdit(message) {
    if (!message || message.roomId !== currentRoomId()) {
      return;
    }
    edited = message;
    editing.hidden = false;
    el.dataset.mode = 'edit';
    input.value = message.text;
    autosize();
    updateSend();
    input.focus();
    input.setSelectionRange(input.value.length, input.value.length);
  }

  function stopEdit() {
    edited = null;
    editing.hidden = true;
    delete el.dataset.mode;
    input.value = '';
    autosize();
    updateSend();
    input.focus();
  }

  function autosize() {
    input.style.height = 'auto';
    input.style.height = `${Math.min(input.scrollHeight, MAX_HEIGHT_PX)}px`;
  }

  input.addEventListener('keydown', (event) => {
    // Enter sends; Shift+Enter is a new line; an IME composition's Enter belongs to the composition.
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      el.requestSubmit();
    } else if (event.key === 'Escape' && edited) {
      event.preventDefault();
      stopEdit();
    } else if (event.key === 'ArrowUp' && !edited && input.value === '' && !event.isComposing) {
      const roomId = currentRoomId();
      const last = roomId ? store.logs.get(roomId)?.lastEditableOf(store.me.id) : null;
      if (last) {
        event.preventDefault();
        startEdit(last);
      }
    }
  });
  // Images pasted into the box are attached; pasted text stays text.
  input.addEventListener('paste', (event) => {
    const files = [...(event.clipboardData?.files ?? [])];
    if (files.length > 0 && !edited) {
      event.preventDefault();
      addFiles(files);
    }
  });
  input.addEventListener('input', () => {
    autosize();
    updateSend();
    const roomId = currentRoomId();
    // An edit is not news to the room: only a new message tells the others one is typing.
    if (roomId && input.value.trim() && !edited) {
      client.typing(roomId);
    }
  });
  el.addEventListener('submit', async (event) => {
    event.preventDefault();
    const roomId = currentRoomId();
    const text = input.value;
    if (!roomId) {
      return;
    }
    if (edited) {
      if (!text.trim()) {
        return;
      }
      const message = edited;
      if (text === message.text || await client.editMessage(message.roomId, message.seq, text)) {
        stopEdit();
      }
      return;
    }
    if (client.send(roomId, text)) {
      input.value = '';
      autosize();
      updateSend();
      onSent();
    }
    input.focus();
  });

  const offLimits = store.on('limits', (limits) => {
    input.setAttribute('maxlength', String(limits.maxTextLength));
    updateSend();
  });
  const offEdit = store.on('edit-message', (message) => startEdit(message));
  let trayQueued = false;
  const offUploads = store.on('uploads', ({ roomId }) => {
    // Progress comes often: the tray is drawn once a frame.
    if (roomId === currentRoomId() && !trayQueued) {
      trayQueued = true;
      requestAnimationFrame(() => {
        trayQueued = false;
        tray.render();
        updateSend();
      });
    }
  });

  /** Addressed to a room: its placeholder and label. */
  function show(room) {
    if (edited && edited.roomId !== room.id) {
      stopEdit();
    }
    input.placeholder = composerPlaceholder(room);
    composerLabel.textContent = `Message ${label(room)}`;
    tray.render();
    updateSend();
  }

  return {
    el,
    show,
    addFiles,
    focus: (options) => input.focus(options),
    /** The room on screen changed (or none): the tray shows that room's images. */
    hide: () => tray.render(),
    destroy: () => {
      offLimits();
      offEdit();
      offUploads();
      tray.destroy();
    },
  };
}
