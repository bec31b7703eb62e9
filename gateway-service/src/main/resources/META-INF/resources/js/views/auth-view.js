// Sign in and create an account. Errors show next to the field they concern, or above the button.

import { ApiError } from '../api.js';
import { field, h, replaceChildren } from '../dom.js';

const USERNAME = /^[A-Za-z0-9_.-]{3,32}$/;

export function authView({ api, session, notice, onSignedIn }) {
  const root = h('main', { class: 'auth', testid: 'auth-view' });
  const brand = h('div', { class: 'auth-brand' },
    h('span', { class: 'logo', 'aria-hidden': 'true' }),
    h('span', {}, 'Chat'));

  function show(mode) {
    const card = mode === 'register' ? registerForm() : loginForm();
    replaceChildren(root, brand, card);
    // On first show the view is not in the document yet; focus once it is.
    queueMicrotask(() => card.querySelector('input')?.focus());
  }

  function busy(form, on) {
    const button = form.querySelector('button[type=submit]');
    button.disabled = on;
    form.setAttribute('aria-busy', on ? 'true' : 'false');
  }

  function loginForm() {
    const username = field({ label: 'Username', name: 'username', autocomplete: 'username', testid: 'login-username', required: true });
    const password = field({ label: 'Password', name: 'password', type: 'password', autocomplete: 'current-password', testid: 'login-password', required: true });
    const error = h('p', { class: 'form-error', role: 'alert', testid: 'login-error' });
    const form = h('form', { class: 'auth-card', testid: 'login-form', novalidate: true, 'aria-labelledby': 'login-title' },
      h('h1', { id: 'login-title' }, 'Sign in'),
      notice ? h('p', { class: 'auth-notice', role: 'status', testid: 'auth-notice' }, notice) : null,
      username.wrapper,
      password.wrapper,
      error,
      h('button', { type: 'submit', class: 'button primary wide', testid: 'login-submit' }, 'Sign in'),
      h('p', { class: 'auth-switch' }, 'New here? ',
        h('button', { type: 'button', class: 'link', testid: 'show-register', onClick: () => show('register') }, 'Create an account')));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      error.textContent = '';
      username.setError(username.input.value.trim() ? null : 'Enter your username.');
      password.setError(password.input.value ? null : 'Enter your password.');
      if (!username.input.value.trim() || !password.input.value) {
        form.querySelector('[aria-invalid=true]')?.focus();
        return;
      }
      busy(form, true);
      try {
        const pair = await api.login(username.input.value.trim(), password.input.value);
        session.store(pair);
        onSignedIn();
      } catch (failure) {
        busy(form, false);
        if (failure instanceof ApiError && failure.status === 401) {
          error.textContent = 'Wrong username or password.';
        } else if (failure instanceof ApiError && failure.status === 429) {
          error.textContent = 'Too many failed attempts for this username. Please wait a few minutes.';
        } else {
          error.textContent = failure instanceof ApiError ? failure.friendly : 'Sign-in failed. Please try again.';
        }
        password.input.select();
        password.input.focus();
      }
    });
    return form;
  }

  function registerForm() {
    const username = field({
      label: 'Username', name: 'username', autocomplete: 'username', testid: 'register-username', required: true,
      maxlength: 32, hint: '3 to 32 letters, digits, _ . or -',
    });
    const email = field({ label: 'Email', name: 'email', type: 'email', autocomplete: 'email', testid: 'register-email', required: true });
    const password = field({
      label: 'Password', name: 'password', type: 'password', autocomplete: 'new-password', testid: 'register-password',
      required: true, hint: 'At least 8 characters',
    });
    const error = h('p', { class: 'form-error', role: 'alert', testid: 'register-error' });
    const form = h('form', { class: 'auth-card', testid: 'register-form', novalidate: true, 'aria-labelledby': 'register-title' },
      h('h1', { id: 'register-title' }, 'Create an account'),
      username.wrapper,
      email.wrapper,
      password.wrapper,
      error,
      h('button', { type: 'submit', class: 'button primary wide', testid: 'register-submit' }, 'Create account'),
      h('p', { class: 'auth-switch' }, 'Already have an account? ',
        h('button', { type: 'button', class: 'link', testid: 'show-login', onClick: () => show('login') }, 'Sign in')));
    const fields = { username, email, password };
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      error.textContent = '';
      const name = username.input.value.trim();
      const mail = email.input.value.trim();
      const secret = password.input.value;
      username.setError(USERNAME.test(name) ? null : '3 to 32 letters, digits, _ . or -');
      email.setError(/^[^@\s]+@[^@\s]+\.[^@\s.]+$/.test(mail) ? null : 'Enter a valid email address.');
      password.setError([...secret].length >= 8 ? null : 'At least 8 characters.');
      const invalid = form.querySelector('[aria-invalid=true]');
      if (invalid) {
        invalid.focus();
        return;
      }
      busy(form, true);
      try {
        await api.register(name, mail, secret);
        session.store(await api.login(name, secret));
        onSignedIn();
      } catch (failure) {
        busy(form, false);
        if (failure instanceof ApiError && failure.code === 'username_taken') {
          username.setError('That username is taken. Try another one.');
          username.input.focus();
        } else if (failure instanceof ApiError && Object.keys(failure.fields).length > 0) {
          for (const [name, message] of Object.entries(failure.fields)) {
            fields[name]?.setError(message);
          }
          form.querySelector('[aria-invalid=true]')?.focus();
        } else {
          error.textContent = failure instanceof ApiError ? failure.friendly : 'Registration failed. Please try again.';
        }
      }
    });
    return form;
  }

  show('login');
  return root;
}
