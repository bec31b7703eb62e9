// The send box: Enter sends, Shift+Enter is a new line; it grows with its text up to a few lines, tells the room
// one is typing, and takes its length limit from the server (store.limits, from the welcome frame). It also edits:
// Up in an empty box (or a message's Edit button) puts one's message in it; Enter saves, Escape cancels.

import { h, uid } from '../dom.js';
import { icon } from '../icons.js';
import { composerPlaceholder, label } from '../logic/rooms.js';

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
  const el = h('form', { class: 'composer', testid: 'composer' }, editing, composerLabel, input, sendButton);
  /** The message being edited ({roomId, seq, text}), or null when the box sends. */
  let edited = null;

  function startEdit(message) {
    if (!message || message.roomId !== currentRoomId()) {
      return;
    }
    edited = message;
    editing.hidden = false;
    el.dataset.mode = 'edit';
    input.value = message.text;
    autosize();
    input.focus();
    input.setSelectionRange(input.value.length, input.value.length);
  }

  function stopEdit() {
    edited = null;
    editing.hidden = true;
    delete el.dataset.mode;
    input.value = '';
    autosize();
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
  input.addEventListener('input', () => {
    autosize();
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
    if (!roomId || !text.trim()) {
      return;
    }
    if (edited) {
      const message = edited;
      if (text === message.text || await client.editMessage(message.roomId, message.seq, text)) {
        stopEdit();
      }
      return;
    }
    if (client.send(roomId, text)) {
      input.value = '';
      autosize();
      onSent();
    }
    input.focus();
  });

  const offLimits = store.on('limits', (limits) => {
    input.setAttribute('maxlength', String(limits.maxTextLength));
  });
  const offEdit = store.on('edit-message', (message) => startEdit(message));

  /** Addressed to a room: its placeholder and label. */
  function show(room) {
    if (edited && edited.roomId !== room.id) {
      stopEdit();
    }
    input.placeholder = composerPlaceholder(room);
    composerLabel.textContent = `Message ${label(room)}`;
  }

  return {
    el,
    show,
    focus: (options) => input.focus(options),
    destroy: () => {
      offLimits();
      offEdit();
    },
  };
}
