// The reaction picker: a small menu of common emoji that opens under a message's Add reaction button. One for the
// whole log. Keyboard: it opens with the first emoji focused; arrows (a grid of four a row), Home and End move, Tab
// and Shift+Tab go round inside it, Enter or Space picks, Escape (or a click outside) closes it and focus goes back
// to the button that opened it.

import { h, uid } from '../dom.js';
import { COMMON_REACTIONS, hasReacted, pickerMove } from '../logic/reactions.js';

const COLUMNS = 4;
/** Space kept between the picker and the window's edges, in pixels. */
const MARGIN_PX = 8;

/**
 * @param onPick called with (message, emoji, on) when an emoji is chosen: on is false for one already one's own
 * @param returnFocus called with the message when the picker closes with focus inside it: focuses its button again
 *   (the message's item may have been drawn anew meanwhile)
 */
export function reactionPicker({ onPick, returnFocus }) {
  const options = COMMON_REACTIONS.map(({ emoji, name }) => h('button', {
    type: 'button', role: 'menuitemcheckbox', class: 'picker-emoji', testid: 'reaction-option', tabindex: '-1',
    dataset: { emoji }, 'aria-label': name, 'aria-checked': 'false', title: name,
    onClick: () => choose(emoji),
  }, emoji));
  const el = h('div', {
    id: uid('reaction-picker'), popover: 'auto', class: 'reaction-picker', role: 'menu', 'aria-label': 'Add a reaction',
    testid: 'reaction-picker',
  }, options);
  /** What the open picker is for: {message, trigger}. */
  let target = null;

  function focusAt(index) {
    options.forEach((option, i) => option.setAttribute('tabindex', i === index ? '0' : '-1'));
    options[index].focus();
  }

  function choose(emoji) {
    const chosen = target;
    el.hidePopover();
    if (chosen) {
      onPick(chosen.message, emoji, !hasReacted(chosen.message, emoji));
    }
  }

  el.addEventListener('keydown', (event) => {
    const index = Math.max(0, options.indexOf(document.activeElement));
    if (event.key === 'Tab') {
      // Focus stays in the menu until it is closed.
      event.preventDefault();
      focusAt((index + (event.shiftKey ? options.length - 1 : 1)) % options.length);
      return;
    }
    const next = pickerMove(index, event.key, options.length, COLUMNS);
    if (next !== null) {
      event.preventDefault();
      focusAt(next);
    }
  });

  el.addEventListener('toggle', (event) => {
    // A toggle event comes after the fact: the picker may be open again already, for another message.
    if (event.newState === 'open' || el.matches(':popover-open')) {
      return;
    }
    const closed = target;
    target = null;
    if (!closed) {
      return;
    }
    closed.trigger.setAttribute('aria-expanded', 'false');
    // Back to the button, unless focus went somewhere on purpose (a click elsewhere).
    const active = document.activeElement;
    if (!active || active === document.body || el.contains(active)) {
      returnFocus(closed.message, closed.trigger);
    }
  });

  /** Under the button (above it when there is no room below), inside the window. */
  function place() {
    const rect = target.trigger.getBoundingClientRect();
    const width = el.offsetWidth;
    const height = el.offsetHeight;
    const left = Math.min(Math.max(MARGIN_PX, rect.right - width), window.innerWidth - width - MARGIN_PX);
    const below = rect.bottom + 4;
    const top = below + height + MARGIN_PX <= window.innerHeight ? below : Math.max(MARGIN_PX, rect.top - height - 4);
    el.style.left = `${Math.round(left)}px`;
    el.style.top = `${Math.round(top)}px`;
  }

  /** Opens the picker for a message, under the button that asked. */
  function open(message, trigger) {
    if (el.matches(':popover-open')) {
      target?.trigger.setAttribute('aria-expanded', 'false');
      el.hidePopover();
    }
    target = { message, trigger };
    for (const option of options) {
      option.setAttribute('aria-checked', hasReacted(message, option.dataset.emoji) ? 'true' : 'false');
    }
    trigger.setAttribute('aria-expanded', 'true');
    el.showPopover();
    place();
    focusAt(0);
  }

  function close() {
    if (el.matches(':popover-open')) {
      el.hidePopover();
    }
  }

  return { el, open, close };
}
