// The open room: its header and actions (room-header.js), the message log (message-log.js), who is typing
// (typing-line.js), the send box (composer.js), and the shared canvas when it is open (sketch-panel.js). Rooms one
// is not a member of show a join panel (join-panel.js) instead. This module puts them together and switches
// between rooms. Files dragged over a room show a drop target; dropped, they go to the composer's tray.

import { h, uid } from '../dom.js';
import { icon } from '../icons.js';
import { composer as composerView } from './composer.js';
import { joinPanel as joinPanelView } from './join-panel.js';
import { messageLog } from './message-log.js';
import { roomHeader } from './room-header.js';
import { sketchPanel } from './sketch-panel.js';
import { typingLine } from './typing-line.js';

export function chatView({ client, store, members }) {
  let roomId = null;
  const currentRoomId = () => roomId;

  // The canvas sits beside the log on wide screens and in its place on narrow ones (css: .chat[data-sketch]).
  const sketch = sketchPanel({ client, store, currentRoomId, onToggle: (open) => {
    el.dataset.sketch = open ? 'open' : 'closed';
    header.render();
  } });
  const header = roomHeader({ client, store, members, sketch, currentRoomId });
  const log = messageLog({ client, store });
  const typing = typingLine({ store });
  const composer = composerView({ client, store, currentRoomId, onSent: () => log.stickToBottom() });
  const joinPanel = joinPanelView({ client, header });
  const placeholder = h('div', { class: 'chat-placeholder', testid: 'chat-placeholder' },
    h('span', { class: 'logo big', 'aria-hidden': 'true' }), h('p', {}, 'Pick a room or a person to start talking.'));

  // Shown while files are dragged over a room one can write in; the drop goes to the composer's tray. The mouse's
  // business only: the attach button and paste do the same from the keyboard.
  const dropTarget = h('div', { class: 'drop-target', testid: 'drop-target', hidden: true, 'aria-hidden': 'true' },
    h('span', { class: 'drop-target-text' }, icon('image'), 'Drop images to attach them'));

  // tabindex -1: the skip link's target when the room has no message box (app-view.js).
  const el = h('section', { class: 'chat', id: uid('chat'), tabindex: '-1', testid: 'chat-view', 'aria-labelledby': header.title.id },
    header.el, log.scroller, log.jump, typing.el, composer.el, joinPanel.el, placeholder, sketch.el, log.picker, dropTarget);

  /** Files are being dragged (not text or a link), over a room one is in, not while editing a message. */
  const takesFiles = (event) => el.dataset.mode === 'room' && [...(event.dataTransfer?.types ?? [])].includes('Files')
    && composer.el.dataset.mode !== 'edit';
  let dragDepth = 0;
  el.addEventListener('dragenter', (event) => {
    if (takesFiles(event)) {
      event.preventDefault();
      dragDepth += 1;
      dropTarget.hidden = false;
    }
  });
  el.addEventListener('dragover', (event) => {
    if (takesFiles(event)) {
      event.preventDefault();
      event.dataTransfer.dropEffect = 'copy';
    }
  });
  el.addEventListener('dragleave', () => {
    dragDepth = Math.max(0, dragDepth - 1);
    dropTarget.hidden = dragDepth === 0;
  });
  el.addEventListener('drop', (event) => {
    dragDepth = 0;
    dropTarget.hidden = true;
    if (takesFiles(event)) {
      event.preventDefault();
      composer.addFiles(event.dataTransfer.files);
    }
  });
  // A file dropped beside the chat (the sidebar) is not opened by the browser in place of the app.
  const keepFiles = (event) => {
    if ([...(event.dataTransfer?.types ?? [])].includes('Files')) {
      event.preventDefault();
    }
  };
  document.addEventListener('dragover', keepFiles);
  document.addEventListener('drop', keepFiles);

  function show(id) {
    roomId = id;
    const room = id ? store.room(id) : null;
    const member = room !== null;
    el.dataset.roomId = id ?? '';
    el.dataset.mode = !id ? 'empty' : member ? 'room' : 'join';
    placeholder.hidden = Boolean(id);
    header.el.hidden = !id;
    log.scroller.hidden = !member;
    composer.el.hidden = !member;
    typing.el.hidden = !member;
    header.actions.hidden = !member;
    joinPanel.el.hidden = !id || member;
    sketch.show(member ? id : null);
    el.dataset.sketch = sketch.isOpen() ? 'open' : 'closed';
    log.reset(id);
    if (!id) {
      composer.hide();
      return;
    }
    if (member) {
      joinPanel.forget();
      composer.show(room);
      header.render();
      log.render();
      typing.render(roomId);
      if (window.matchMedia('(pointer: fine)').matches) {
        composer.focus({ preventScroll: true });
      }
    } else {
      composer.hide();
      joinPanel.show(id);
    }
  }

  const unsubscribe = [
    store.on('active', ({ roomId: id }) => show(id)),
    store.on('messages', ({ roomId: id, sent }) => {
      if (id === roomId) {
        if (sent) {
          log.stickToBottom();
        }
        log.queueRender();
      }
    }),
    store.on('rooms', () => {
      if (!roomId) {
        return;
      }
      const known = store.rooms.has(roomId);
      if (known && el.dataset.mode === 'join') {
        // Let in (joined, or a request approved): the room replaces the join panel.
        client.openRoom(roomId);
        show(roomId);
      } else if (known) {
        header.render();
        // Counts can change under an open room (another list, another tab): the newest on screen is read.
        log.afterRender();
      }
    }),
    store.on('typing', ({ roomId: id }) => {
      if (id === roomId) {
        typing.render(roomId);
      }
    }),
    store.on('join-requests', ({ roomId: id }) => {
      if (id === roomId) {
        header.render();
      }
    }),
    store.on('members', ({ roomId: id }) => {
      if (id === roomId) {
        header.render();
      }
    }),
    store.on('presence', () => {
      if (roomId && store.room(roomId)?.kind === 'direct') {
        header.render();
      }
    }),
    store.on('members-panel', () => header.render()),
  ];

  show(null);
  return {
    el,
    destroy() {
      unsubscribe.forEach((off) => off());
      document.removeEventListener('dragover', keepFiles);
      document.removeEventListener('drop', keepFiles);
      log.destroy();
      composer.destroy();
      sketch.destroy();
    },
  };
}
