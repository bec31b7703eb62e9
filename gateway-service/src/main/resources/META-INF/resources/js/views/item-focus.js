// Keeping keyboard focus where it was when a message of the log is drawn anew (an edit, a reaction): the control that
// had it is found again in the new drawing by its test id (and emoji for a reaction chip, attachment id for a thumbnail).

/** The control focused inside an item about to be drawn anew, as a selector for its twin in the new one; or null. */
export function focusedControl(item) {
  const active = document.activeElement;
  if (!active || !item.contains(active)) {
    return null;
  }
  if (active === item) {
    return ':scope';
  }
  const testid = active.dataset?.testid;
  if (!testid) {
    return '[data-testid=message-react]';
  }
  const { emoji, attachmentId } = active.dataset;
  if (emoji) {
    return `[data-testid="${testid}"][data-emoji="${CSS.escape(emoji)}"]`;
  }
  return attachmentId ? `[data-testid="${testid}"][data-attachment-id="${CSS.escape(attachmentId)}"]` : `[data-testid="${testid}"]`;
}

/** Focus where it was (a chip that went, at 0: Add reaction; else the message itself). */
export function refocus(item, selector) {
  if (!selector) {
    return;
  }
  const target = selector === ':scope' ? item
    : item.querySelector(selector) ?? item.querySelector('[data-testid=message-react]') ?? item;
  if (target === item) {
    item.tabIndex = -1;
  }
  target.focus({ preventScroll: true });
}
