// A room one is not in (an invite link, a room from the list): what it is, and a way in. A public room lets one
// join; a private one takes its password, or asks its owner.

import { ApiError } from '../api.js';
import { field, h, replaceChildren } from '../dom.js';

/** @param header the room header (its title shows the room being joined) */
export function joinPanel({ client, header }) {
  let shownFor = null;
  const el = h('section', { class: 'join-panel', testid: 'join-panel', hidden: true, 'aria-live': 'polite' });

  async function show(id) {
    shownFor = id;
    header.showJoinRoom(null);
    replaceChildren(el, h('p', { class: 'muted' }, 'Looking up the room…'));
    let room = null;
    let privateRoom = false;
    try {
      room = await client.api.room(id);
    } catch (error) {
      if (error instanceof ApiError && error.status === 403) {
        privateRoom = true;
      } else if (shownFor === id) {
        replaceChildren(el, h('h2', {}, 'Room not found'),
          h('p', {}, error instanceof ApiError && error.status === 404
            ? 'This room does not exist or was deleted.' : (error.friendly ?? 'The room could not be loaded.')));
        return;
      }
    }
    if (shownFor !== id) {
      return;
    }
    const status = h('p', { class: 'form-status', role: 'status', testid: 'join-status' });
    const password = field({ label: 'Password (if you have one)', name: 'password', type: 'password', autocomplete: 'off', testid: 'join-password' });
    const submit = h('button', { type: 'submit', class: 'button primary', testid: 'join-submit' }, privateRoom ? 'Join' : 'Join room');
    const form = h('form', { class: 'join-form', novalidate: true },
      privateRoom ? password.wrapper : null,
      status,
      h('div', { class: 'dialog-actions' }, submit));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      status.textContent = '';
      password.setError(null);
      submit.disabled = true;
      try {
        const outcome = await client.joinRoom(id, privateRoom ? password.input.value || undefined : undefined);
        if (outcome === 'member') {
          client.openRoom(id);
        } else {
          status.textContent = 'Request sent. You will get in once the owner approves.';
          status.dataset.state = 'pending';
        }
      } catch (error) {
        if (error instanceof ApiError && error.code === 'wrong_password') {
          password.setError('Wrong password. Leave it empty to ask the owner instead.');
          password.input.focus();
        } else {
          status.textContent = error instanceof ApiError ? error.friendly : 'Could not join.';
        }
      } finally {
        submit.disabled = false;
      }
    });
    replaceChildren(el,
      h('h2', { testid: 'join-room-name' }, room ? `#${room.name}` : 'A private room'),
      room?.topic ? h('p', {}, room.topic) : null,
      h('p', { class: 'muted' }, privateRoom
        ? 'This room is private. Enter its password to get in at once, or leave it empty to ask the owner.'
        : 'You are not a member of this room yet.'),
      form);
    if (room) {
      header.showJoinRoom(room);
    }
    (privateRoom ? password.input : submit).focus();
  }

  return {
    el,
    show,
    /** The room on screen is one we are in: a lookup still under way shows nothing. */
    forget: () => {
      shownFor = null;
    },
  };
}
