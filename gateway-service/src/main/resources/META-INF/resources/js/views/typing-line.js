// Who is typing in the open room, in one line under the log.

import { h } from '../dom.js';
import { typingText } from '../logic/typing.js';

export function typingLine({ store }) {
  const el = h('p', { class: 'typing', testid: 'typing-indicator', 'aria-live': 'polite' });

  function render(roomId) {
    const text = typingText(roomId ? store.typingIn(roomId) : []);
    el.textContent = text;
    el.dataset.active = text ? 'true' : 'false';
  }

  return { el, render };
}
