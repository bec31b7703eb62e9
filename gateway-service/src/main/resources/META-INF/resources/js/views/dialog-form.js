// What the dialogs' forms share: a button shown busy while its request runs, and an error in words for people.

import { ApiError } from '../api.js';

export function describe(error, fallback) {
  return error instanceof ApiError ? error.friendly : fallback;
}

export function setBusy(button, on) {
  button.disabled = on;
  button.setAttribute('aria-busy', on ? 'true' : 'false');
}
