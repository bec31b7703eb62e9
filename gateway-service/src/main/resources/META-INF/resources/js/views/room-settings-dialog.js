// The room settings dialog (owners): topic, retention limits and system lines, checked before saving, the
// server's field errors shown at their fields.

import { ApiError } from '../api.js';
import { field, h, openDialog, uid } from '../dom.js';
import {
  MAX_AGE_DAYS, MAX_MESSAGES, settingsErrors, settingsPatch, settingsValues, TOPIC_MAX_LENGTH,
} from '../logic/room-settings.js';
import { describe, setBusy } from './dialog-form.js';

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
