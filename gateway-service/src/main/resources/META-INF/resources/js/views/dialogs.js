// Modal dialogs: create a room, start a direct message, settle join requests, confirm. All are native <dialog>s:
// focus stays inside, Escape closes them. Larger ones have files of their own (browse-rooms-dialog.js,
// room-settings-dialog.js, search-dialog.js).

import { ApiError } from '../api.js';
import { avatar, field, h, openDialog, presenceDot, replaceChildren, uid } from '../dom.js';
import { goToRoom } from '../router.js';
import { describe, setBusy } from './dialog-form.js';

export function createRoomDialog({ client }) {
  openDialog({
    title: 'Create a room',
    testid: 'create-room-dialog',
    build(close) {
      const name = field({ label: 'Name', name: 'name', testid: 'create-room-name', required: true, maxlength: 64, hint: 'Letters, digits, spaces, _ . or -' });
      const topic = field({ label: 'Topic (optional)', name: 'topic', testid: 'create-room-topic', maxlength: 256 });
      const password = field({ label: 'Password', name: 'password', type: 'password', autocomplete: 'new-password', testid: 'create-room-password', maxlength: 72 });
      password.wrapper.hidden = true;
      const choice = (value, title, text, checked) => {
        const id = uid('visibility');
        return h('div', { class: 'choice' },
          h('input', { type: 'radio', name: 'visibility', id, value, checked, testid: `visibility-${value}` }),
          h('label', { for: id }, h('strong', {}, title), h('span', { class: 'choice-text' }, text)));
      };
      const error = h('p', { class: 'form-error', role: 'alert', testid: 'create-room-error' });
      const submit = h('button', { type: 'submit', class: 'button primary', testid: 'create-room-submit' }, 'Create room');
      const form = h('form', { class: 'dialog-body', novalidate: true },
        name.wrapper,
        topic.wrapper,
        h('fieldset', { class: 'choices' },
          h('legend', {}, 'Who can join'),
          choice('public', 'Public', 'Anyone can find it and join.', true),
          choice('private', 'Private', 'People ask to join; you approve.', false),
          choice('password', 'Private with password', 'The password lets people in at once; others can ask.', false)),
        password.wrapper,
        error,
        h('div', { class: 'dialog-actions' },
          h('button', { type: 'button', class: 'button', onClick: close }, 'Cancel'),
          submit));
      form.addEventListener('change', () => {
        password.wrapper.hidden = form.elements.visibility.value !== 'password';
      });
      form.addEventListener('submit', async (event) => {
        event.preventDefault();
        error.textContent = '';
        const kind = form.elements.visibility.value;
        const roomName = name.input.value.trim();
        name.setError(roomName ? null : 'Give the room a name.');
        password.setError(kind === 'password' && !password.input.value ? 'Choose a password.' : null);
        if (!roomName || (kind === 'password' && !password.input.value)) {
          form.querySelector('[aria-invalid=true]')?.focus();
          return;
        }
        setBusy(submit, true);
        try {
          const room = await client.createRoom({
            name: roomName,
            topic: topic.input.value.trim(),
            visibility: kind === 'public' ? 'public' : 'private',
            password: kind === 'password' ? password.input.value : undefined,
          });
          close();
          goToRoom(room.id);
        } catch (failure) {
          setBusy(submit, false);
          if (failure instanceof ApiError && failure.code === 'room_name_taken') {
            name.setError('A room with this name exists. Pick another name.');
            name.input.focus();
          } else if (failure instanceof ApiError && Object.keys(failure.fields).length) {
            name.setError(failure.fields.name ?? null);
            topic.setError(failure.fields.topic ?? null);
            password.setError(failure.fields.password ?? null);
            error.textContent = failure.fields.visibility ?? '';
          } else {
            error.textContent = describe(failure, 'The room could not be created.');
          }
        }
      });
      return form;
    },
  });
}

/** Finds people by name; picking one opens the direct conversation with them. */
export function newDirectDialog({ client, store }) {
  openDialog({
    title: 'New direct message',
    testid: 'new-dm-dialog',
    build(close) {
      const search = field({ label: 'Find people', name: 'query', testid: 'user-search', autocomplete: 'off' });
      const list = h('ul', { class: 'pick-list', testid: 'user-results', 'aria-live': 'polite' });
      let timer = null;
      let asked = 0;
      const load = async () => {
        const ticket = ++asked;
        try {
          const users = (await client.searchUsers(search.input.value.trim())).filter((u) => u.id !== store.me.id);
          if (ticket !== asked) {
            return;
          }
          for (const user of users) {
            store.noteUser(user.id, user.username, typeof user.online === 'boolean' ? user.online : undefined);
          }
          if (users.length === 0) {
            replaceChildren(list, h('li', { class: 'muted' }, 'Nobody found.'));
            return;
          }
          replaceChildren(list, users.map((user) => h('li', {},
            h('button', {
              type: 'button', class: 'pick-item pick-button', testid: 'user-result', dataset: { userId: user.id, username: user.username },
              onClick: async (event) => {
                const button = event.currentTarget;
                setBusy(button, true);
                try {
                  const roomId = await client.openDirect(user.id);
                  close();
                  goToRoom(roomId);
                } catch (failure) {
                  setBusy(button, false);
                  client.notice(describe(failure, 'The conversation could not be opened.'), 'error');
                }
              },
            },
            presenceDot(store.isOnline(user.id)),
            avatar(user.username),
            h('span', { class: 'pick-title' }, user.username)))));
        } catch (failure) {
          if (ticket === asked) {
            replaceChildren(list, h('li', { class: 'form-error' }, describe(failure, 'Search failed.')));
          }
        }
      };
      search.input.addEventListener('input', () => {
        clearTimeout(timer);
        timer = setTimeout(load, 200);
      });
      load();
      return h('div', { class: 'dialog-body' }, search.wrapper, list);
    },
  });
}

/** Owners: who asked to join, with approve and reject. */
export function joinRequestsDialog({ client, store, roomId }) {
  let unsubscribe = () => {};
  openDialog({
    title: 'Join requests',
    testid: 'join-requests-dialog',
    onClose: () => unsubscribe(),
    build() {
      const list = h('ul', { class: 'pick-list', 'aria-live': 'polite' });
      const render = () => {
        const requests = store.joinRequests.get(roomId) ?? [];
        if (requests.length === 0) {
          replaceChildren(list, h('li', { class: 'muted', testid: 'no-join-requests' }, 'No one is waiting.'));
          return;
        }
        replaceChildren(list, requests.map((request) => {
          const decide = (approve) => async (event) => {
            const row = event.currentTarget.closest('li');
            row.querySelectorAll('button').forEach((b) => setBusy(b, true));
            try {
              await client.decideJoinRequest(roomId, request.userId, approve);
            } catch (failure) {
              row.querySelectorAll('button').forEach((b) => setBusy(b, false));
              client.notice(describe(failure, 'That did not work.'), 'error');
            }
          };
          return h('li', { class: 'pick-item', testid: 'join-request', dataset: { userId: request.userId, username: request.username } },
            avatar(request.username),
            h('span', { class: 'pick-main' }, h('span', { class: 'pick-title' }, request.username)),
            h('button', { type: 'button', class: 'button small', testid: 'reject-request', onClick: decide(false) }, 'Reject'),
            h('button', { type: 'button', class: 'button primary small', testid: 'approve-request', onClick: decide(true) }, 'Approve'));
        }));
      };
      unsubscribe = store.on('join-requests', (detail) => {
        if (detail.roomId === roomId) {
          render();
        }
      });
      render();
      client.loadJoinRequests(roomId);
      return h('div', { class: 'dialog-body' }, list);
    },
  });
}

/** Resolves true if the person confirms. */
export function confirmDialog({ title, text, confirmLabel, danger = false }) {
  return new Promise((resolve) => {
    let answer = false;
    openDialog({
      title,
      testid: 'confirm-dialog',
      onClose: () => resolve(answer),
      build(close) {
        return h('div', { class: 'dialog-body' },
          h('p', {}, text),
          h('div', { class: 'dialog-actions' },
            h('button', { type: 'button', class: 'button', testid: 'confirm-cancel', autofocus: true, onClick: close }, 'Cancel'),
            h('button', {
              type: 'button', class: `button ${danger ? 'danger' : 'primary'}`, testid: 'confirm-ok',
              onClick: () => {
                answer = true;
                close();
              },
            }, confirmLabel)));
      },
    });
  });
}
