// The open room's header: its name and topic (and a clock when retention removes old messages), the canvas,
// join-requests and members chips, and the room menu (room settings, invite people, join requests, leave, delete).

import { ApiError } from '../api.js';
import { field, h, openDialog, presenceDot, replaceChildren, uid } from '../dom.js';
import { icon } from '../icons.js';
import { retentionText } from '../logic/room-settings.js';
import { roomActions, roomTopic } from '../logic/rooms.js';
import { goToList, inviteLink } from '../router.js';
import { confirmDialog, joinRequestsDialog } from './dialogs.js';
import { roomSettingsDialog } from './room-settings-dialog.js';

/**
 * @param currentRoomId the id of the room on screen (null for none)
 * @param members the members panel ({toggle, isOpen})
 * @param sketch the canvas panel ({toggle, isOpen})
 */
export function roomHeader({ client, store, members, sketch, currentRoomId }) {
  const title = h('h1', { class: 'room-title', id: uid('room-title'), testid: 'room-title' });
  const topic = h('p', { class: 'room-topic', testid: 'room-topic' });
  // Retention, said where every member sees it, under the topic.
  const retentionWords = h('span', {});
  const retention = h('p', { class: 'room-retention', testid: 'room-retention', hidden: true }, icon('clock'), retentionWords);
  const back = h('a', { class: 'icon-button back', href: '#/', testid: 'back-to-list', 'aria-label': 'Back to rooms', onClick: (event) => {
    event.preventDefault();
    goToList();
  } }, icon('back'));
  const requestsBadge = h('span', { class: 'badge' });
  const requestsButton = h('button', {
    type: 'button', class: 'chip', testid: 'join-requests', hidden: true,
    onClick: () => joinRequestsDialog({ client, store, roomId: currentRoomId() }),
  }, icon('inbox'), h('span', { class: 'chip-label' }, 'Requests'), requestsBadge);
  // Named by aria-label too: on a phone the chip shows only its icon.
  const sketchButton = h('button', {
    type: 'button', class: 'chip', id: 'sketch-toggle', testid: 'sketch-toggle', 'aria-label': 'Canvas', 'aria-controls': 'sketch-panel',
    'aria-expanded': 'false', onClick: () => sketch.toggle(),
  }, icon('pen'), h('span', { class: 'chip-label' }, 'Canvas'));
  const memberCount = h('span', { class: 'chip-count', testid: 'member-count' });
  const membersButton = h('button', {
    type: 'button', class: 'chip', testid: 'members-toggle', 'aria-controls': 'members-panel', 'aria-expanded': 'false',
    onClick: () => members.toggle(),
  }, icon('users'), memberCount, h('span', { class: 'sr-only' }, 'Members'));
  const menuId = uid('room-menu');
  const menu = h('div', { id: menuId, popover: 'auto', class: 'menu', role: 'menu', testid: 'room-menu' });
  const menuButton = h('button', {
    type: 'button', class: 'icon-button', popovertarget: menuId, testid: 'room-menu-button', 'aria-label': 'Room actions', 'aria-haspopup': 'menu',
  }, icon('more', 'icon icon-more'));
  menu.addEventListener('toggle', (event) => {
    if (event.newState === 'open') {
      // Under its button, kept inside the window.
      const rect = menuButton.getBoundingClientRect();
      menu.style.top = `${Math.round(rect.bottom + 4)}px`;
      menu.style.right = `${Math.max(8, Math.round(window.innerWidth - rect.right))}px`;
      menu.querySelector('button')?.focus();
    }
  });
  const actions = h('div', { class: 'chat-actions' }, sketchButton, requestsButton, membersButton, menuButton, menu);
  const el = h('header', { class: 'chat-head' },
    back,
    h('div', { class: 'chat-title' }, title, topic, retention),
    actions);

  /** The room menu's entries, by the action names of roomActions. */
  const MENU_ITEMS = {
    settings: {
      iconName: 'settings', text: 'Room settings', testid: 'room-settings',
      action: (room) => roomSettingsDialog({ client, store, roomId: room.id }),
    },
    invite: { iconName: 'link', text: 'Invite people', testid: 'invite-link', action: (room) => inviteDialog(room) },
    'join-requests': {
      iconName: 'inbox', text: 'Join requests', testid: 'menu-join-requests',
      action: (room) => joinRequestsDialog({ client, store, roomId: room.id }),
    },
    leave: { iconName: 'door', text: 'Leave room', testid: 'leave-room', action: (room) => leave(room) },
    delete: { iconName: 'trash', text: 'Delete room', testid: 'delete-room', action: (room) => remove(room), danger: true },
  };

  function render() {
    const roomId = currentRoomId();
    const room = roomId ? store.room(roomId) : null;
    if (!room) {
      return;
    }
    const direct = room.kind === 'direct';
    replaceChildren(title,
      direct ? presenceDot(store.isOnline(room.peer?.id)) : icon(room.visibility === 'private' ? 'lock' : 'hash', 'icon title-icon'),
      h('span', {}, room.name));
    topic.textContent = roomTopic(room);
    const kept = retentionText(room.retention);
    retention.hidden = kept === '';
    retentionWords.textContent = kept;
    const roster = store.members.get(room.id);
    memberCount.textContent = roster ? String(roster.length) : '';
    membersButton.setAttribute('aria-expanded', members.isOpen() ? 'true' : 'false');
    sketchButton.setAttribute('aria-expanded', sketch.isOpen() ? 'true' : 'false');
    const entries = roomActions(room).map((name) => MENU_ITEMS[name]);
    const waiting = store.joinRequests.get(room.id)?.length ?? 0;
    requestsButton.hidden = !entries.includes(MENU_ITEMS['join-requests']);
    requestsBadge.textContent = waiting ? String(waiting) : '';
    requestsBadge.hidden = waiting === 0;
    requestsButton.setAttribute('aria-label', `Join requests: ${waiting}`);

    // Rebuilt only when the choice changes: an open menu keeps its focus while messages arrive.
    const signature = `${room.id}:${entries.map((entry) => entry.testid).join(',')}`;
    if (menu.dataset.signature !== signature) {
      menu.dataset.signature = signature;
      replaceChildren(menu, entries.map((entry) => menuItem(entry, room)));
    }
    menuButton.hidden = entries.length === 0;
  }

  function menuItem({ iconName, text, testid, action, danger = false }, room) {
    return h('button', {
      type: 'button', role: 'menuitem', class: `menu-item${danger ? ' danger' : ''}`, testid,
      onClick: () => {
        menu.hidePopover();
        action(room);
      },
    }, icon(iconName), text);
  }

  function inviteDialog(room) {
    openDialog({
      title: `Invite people to #${room.name}`,
      testid: 'invite-dialog',
      build(close) {
        const link = field({ label: 'Invite link', name: 'link', testid: 'invite-link-value', value: inviteLink(room.id) });
        link.input.readOnly = true;
        const status = h('p', { class: 'form-status', role: 'status' });
        return h('div', { class: 'dialog-body' },
          h('p', {}, room.visibility === 'private'
            ? 'People who open this link can ask to join; you approve them. With the room password they get in at once.'
            : 'Anyone with this link can join.'),
          link.wrapper,
          status,
          h('div', { class: 'dialog-actions' },
            h('button', { type: 'button', class: 'button', onClick: close }, 'Done'),
            h('button', {
              type: 'button', class: 'button primary', onClick: async () => {
                link.input.select();
                try {
                  await navigator.clipboard.writeText(link.input.value);
                  status.textContent = 'Copied.';
                } catch {
                  status.textContent = 'Press Ctrl+C (or ⌘C) to copy the selected link.';
                }
              },
            }, 'Copy link')));
      },
    });
  }

  async function leave(room) {
    if (await confirmDialog({ title: `Leave #${room.name}?`, text: 'You can join again later if the room lets you.', confirmLabel: 'Leave room' })) {
      try {
        await client.leaveRoom(room.id);
        client.notice(`You left #${room.name}.`);
      } catch (error) {
        client.notice(error instanceof ApiError ? error.friendly : 'Could not leave the room.', 'error');
      }
    }
  }

  async function remove(room) {
    if (await confirmDialog({
      title: `Delete #${room.name}?`, text: 'The room and all its messages are deleted for everyone. This cannot be undone.',
      confirmLabel: 'Delete room', danger: true,
    })) {
      try {
        await client.deleteRoom(room.id);
        client.notice(`#${room.name} was deleted.`);
      } catch (error) {
        client.notice(error instanceof ApiError ? error.friendly : 'Could not delete the room.', 'error');
      }
    }
  }

  /** A room one is not in: "Join a room" while it is looked up, then its name if it could be seen. */
  function showJoinRoom(room) {
    retention.hidden = true;
    if (room) {
      replaceChildren(title, icon('hash', 'icon title-icon'), h('span', {}, room.name));
    } else {
      replaceChildren(title, h('span', {}, 'Join a room'));
      topic.textContent = '';
    }
  }

  return { el, title, actions, render, showJoinRoom };
}
