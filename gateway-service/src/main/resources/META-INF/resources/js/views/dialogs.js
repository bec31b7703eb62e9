// Modal dialogs: create a room, find and join rooms, start a direct message, settle join requests, a room's settings,
// confirm. All are native <dialog>s: focus stays inside, Escape closes them.

import { ApiError } from '../api.js';
import { avatar, field, h, openDialog, presenceDot, replaceChildren, uid } from '../dom.js';
import {
  MAX_AGE_DAYS, MAX_MESSAGES, settingsErrors, settingsPatch, settingsValues, TOPIC_MAX_LENGTH,
} from '../logic/room-settings.js';
import { goToRoom } from '../router.js';

function describe(error, fallback) {
  return error instanceof ApiError ? error.friendly : fallback;
}

function setBusy(button, on) {
  button.disabled = on;
  button.setAttribute('aria-busy', on ? 'true' : 'false');
}

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

/** The owner's settings of a room: its topic, how long its messages are kept, and whether joins and leaves show. */
export function roomSettingsDialog({ client, store, roomId }) {
  const room = store.room(roomId);
  if (!room) {
    return;
  }
  openDialog({
    title: `Settings of #${room.name}`,
    testid: 'room-settings-dialog',
    build(close) {
      const values = settingsValues(room);
      const topic = field({ label: 'Topic', name: 'topic', testid: 'room-settings-topic', maxlength: TOPIC_MAX_LENGTH, value: values.topic });
      const maxAgeDays = field({
        label: 'Delete messages older than (days)', name: 'maxAgeDays', testid: 'room-settings-max-age', inputmode: 'numeric',
        value: values.maxAgeDays, hint: `${MAX_AGE_DAYS.min} to ${MAX_AGE_DAYS.max}. Empty: keep them, however old.`,
      });
      const maxMessages = field({
        label: 'Keep at most (messages)', name: 'maxMessages', testid: 'room-settings-max-messages', inputmode: 'numeric',
        value: values.maxMessages,
        hint: `${MAX_MESSAGES.min} to ${MAX_MESSAGES.max.toLocaleString('en')}; the oldest go first. Empty: no limit.`,
      });
      maxAgeDays.input.autocomplete = 'off';
      maxMessages.input.autocomplete = 'off';
      const systemLinesId = uid('system-lines');
      const systemLines = h('input', { type: 'checkbox', id: systemLinesId, name: 'systemLines', testid: 'room-settings-system-lines' });
      systemLines.checked = values.systemLines;
      const systemLinesError = h('p', { class: 'field-error', testid: 'room-settings-system-lines-error' });
      const error = h('p', { class: 'form-error', role: 'alert', testid: 'room-settings-error' });
      const submit = h('button', { type: 'submit', class: 'button primary', testid: 'room-settings-save' }, 'Save');
      const fields = { topic, maxAgeDays, maxMessages };
      const form = h('form', { class: 'dialog-body', novalidate: true },
        topic.wrapper,
        h('fieldset', { class: 'choices' },
          h('legend', {}, 'Retention'),
          h('p', { class: 'field-hint' }, 'Messages these limits remove are gone for everyone.'),
          maxAgeDays.wrapper,
          maxMessages.wrapper),
        h('div', { class: 'check' }, systemLines, h('label', { for: systemLinesId }, 'Show joins and leaves in the room')),
        systemLinesError,
        error,
        h('div', { class: 'dialog-actions' },
          h('button', { type: 'button', class: 'button', onClick: close }, 'Cancel'),
          submit));

      // A field's error goes as soon as it is edited.
      for (const wrapped of Object.values(fields)) {
        wrapped.input.addEventListener('input', () => wrapped.setError(null));
      }
      const showErrors = (errors) => {
        for (const [name, wrapped] of Object.entries(fields)) {
          wrapped.setError(errors[name] ?? null);
        }
        systemLinesError.textContent = errors.systemLines ?? '';
        error.textContent = errors.form ?? '';
        form.querySelector('[aria-invalid=true]')?.focus();
      };

      form.addEventListener('submit', async (event) => {
        event.preventDefault();
        const current = store.room(roomId) ?? room;
        const { patch, errors } = settingsPatch(current, {
          topic: topic.input.value, maxAgeDays: maxAgeDays.input.value, maxMessages: maxMessages.input.value,
          systemLines: systemLines.checked,
        });
        showErrors(errors);
        if (Object.keys(errors).length > 0) {
          return;
        }
        if (Object.keys(patch).length === 0) {
          close();
          return;
        }
        setBusy(submit, true);
        try {
          await client.updateRoomSettings(roomId, patch);
          close();
        } catch (failure) {
          setBusy(submit, false);
          if (failure instanceof ApiError && Object.keys(failure.fields).length) {
            showErrors(settingsErrors(failure.fields));
          } else {
            showErrors({ form: describe(failure, 'The settings could not be saved.') });
          }
        }
      });
      return form;
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
