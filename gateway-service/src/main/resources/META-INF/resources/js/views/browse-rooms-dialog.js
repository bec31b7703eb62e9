// The Find rooms dialog: public rooms to filter and join, and joining a private room by invite link or id.

import { ApiError } from '../api.js';
import { field, h, openDialog, replaceChildren } from '../dom.js';
import { goToRoom } from '../router.js';
import { describe, setBusy } from './dialog-form.js';

/** Public rooms to join, and joining by invite link or room id (private rooms: password, or a request). */
export function browseRoomsDialog({ client, store }) {
  openDialog({
    title: 'Find rooms',
    testid: 'browse-dialog',
    build(close) {
      const filter = field({ label: 'Filter public rooms', name: 'filter', testid: 'browse-filter' });
      const list = h('ul', { class: 'pick-list', testid: 'public-rooms', 'aria-live': 'polite' }, h('li', { class: 'muted' }, 'Loading…'));
      let rooms = [];

      const render = () => {
        const text = filter.input.value.trim().toLowerCase();
        const shown = rooms.filter((r) => !text || r.name.toLowerCase().includes(text) || (r.topic ?? '').toLowerCase().includes(text));
        if (shown.length === 0) {
          replaceChildren(list, h('li', { class: 'muted' }, rooms.length ? 'No room matches.' : 'No public rooms yet. Create one!'));
          return;
        }
        replaceChildren(list, shown.map((room) => {
          const member = store.rooms.has(room.id);
          const status = h('span', { class: 'pick-status', role: 'status' });
          const button = h('button', {
            type: 'button', class: `button ${member ? '' : 'primary'} small`, testid: 'public-room-join',
            onClick: async () => {
              if (member) {
                close();
                goToRoom(room.id);
                return;
              }
              setBusy(button, true);
              try {
                const result = await client.joinRoom(room.id);
                if (result === 'member') {
                  close();
                  goToRoom(room.id);
                } else {
                  status.textContent = 'Request sent';
                }
              } catch (failure) {
                setBusy(button, false);
                status.textContent = describe(failure, 'Could not join.');
              }
            },
          }, member ? 'Open' : 'Join');
          return h('li', { class: 'pick-item', testid: 'public-room', dataset: { roomId: room.id, roomName: room.name } },
            h('span', { class: 'pick-main' },
              h('span', { class: 'pick-title' }, `#${room.name}`),
              room.topic ? h('span', { class: 'pick-sub' }, room.topic) : null),
            status,
            button);
        }));
      };
      filter.input.addEventListener('input', render);
      client.api.rooms('public').then((found) => {
        rooms = found;
        render();
      }).catch((failure) => {
        replaceChildren(list, h('li', { class: 'form-error' }, describe(failure, 'Rooms could not be loaded.')));
      });

      // Joining by link or id: private rooms are not listed.
      const target = field({ label: 'Invite link or room id', name: 'room', testid: 'join-by-id', autocomplete: 'off' });
      const password = field({ label: 'Password (if the room has one)', name: 'password', type: 'password', autocomplete: 'off', testid: 'join-by-id-password' });
      const result = h('p', { class: 'form-status', role: 'status', testid: 'join-by-id-status' });
      const submit = h('button', { type: 'submit', class: 'button', testid: 'join-by-id-submit' }, 'Join');
      const byId = h('form', { class: 'join-by-id', novalidate: true },
        h('h3', {}, 'Have an invite?'),
        target.wrapper, password.wrapper, result,
        h('div', { class: 'dialog-actions' }, submit));
      byId.addEventListener('submit', async (event) => {
        event.preventDefault();
        result.textContent = '';
        const match = /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/i.exec(target.input.value);
        target.setError(match ? null : 'Paste an invite link or a room id.');
        password.setError(null);
        if (!match) {
          target.input.focus();
          return;
        }
        const roomId = match[1].toLowerCase();
        setBusy(submit, true);
        try {
          const outcome = await client.joinRoom(roomId, password.input.value || undefined);
          if (outcome === 'member') {
            close();
            goToRoom(roomId);
          } else {
            result.textContent = 'Request sent. You will get in once the owner approves.';
          }
        } catch (failure) {
          if (failure instanceof ApiError && failure.code === 'wrong_password') {
            password.setError('Wrong password.');
            password.input.focus();
          } else if (failure instanceof ApiError && failure.status === 404) {
            target.setError('No such room.');
          } else {
            result.textContent = describe(failure, 'Could not join.');
          }
        } finally {
          setBusy(submit, false);
        }
      });
      return h('div', { class: 'dialog-body' }, filter.wrapper, list, byId);
    },
  });
}
