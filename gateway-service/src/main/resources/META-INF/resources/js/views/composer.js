// The send box: Enter sends, Shift+Enter is a new line; it grows with its text up to a few lines, tells the room
// one is typing, and takes its length limit from the server (store.limits, from the welcome frame).

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
  const el = h('form', { class: 'composer', testid: 'composer' }, composerLabel, input, sendButton);

  function autosize() {
    input.style.height = 'auto';
    input.style.height = `${Math.min(input.scrollHeight, MAX_HEIGHT_PX)}px`;
  }

  input.addEventListener('keydown', (event) => {
    // Enter sends; Shift+Enter is a new line; an IME composition's Enter belongs to the composition.
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      el.requestSubmit();
    }
  });
  input.addEventListener('input', () => {
    autosize();
    const roomId = currentRoomId();
    if (roomId && input.value.trim()) {
      client.typing(roomId);
    }
  });
  el.addEventListener('submit', (event) => {
    event.preventDefault();
    const roomId = currentRoomId();
    const text = input.value;
    if (!roomId || !text.trim()) {
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

  /** Addressed to a room: its placeholder and label. */
  function show(room) {
    input.placeholder = composerPlaceholder(room);
    composerLabel.textContent = `Message ${label(room)}`;
  }

  return {
    el,
    show,
    focus: (options) => input.focus(options),
    destroy: offLimits,
  };
}
