// Entry point: the sign-in screen or the chat, and the switch between them.

import { Api } from './api.js';
import { ChatClient } from './chat.js';
import { replaceChildren } from './dom.js';
import { Session } from './session.js';
import { Store } from './store.js';
import { authView } from './views/auth-view.js';
import { mountApp } from './views/app-view.js';

const root = document.getElementById('app');
const session = new Session();
const api = new Api(session);
let running = null;

function showSignIn(notice) {
  document.title = 'Sign in · Chat';
  replaceChildren(root, authView({ api, session, notice, onSignedIn: showChat }));
}

function showChat() {
  const store = new Store();
  const client = new ChatClient({ api, session, store });
  store.me = { ...session.user };
  const unmount = mountApp(root, { client, store });
  running = { client, unmount };
  client.start();
}

session.addEventListener('ended', (event) => {
  if (running) {
    running.client.stop();
    running.unmount();
    running = null;
  }
  showSignIn(event.detail.reason === 'logout' ? null : 'Your session has ended. Please sign in again.');
});

if (session.signedIn) {
  showChat();
} else {
  showSignIn(null);
}
