// The members of the open room with their presence; a side column on wide screens, a sheet on phones.

import { avatar, h, presenceDot, reconcile, replaceChildren, uid } from '../dom.js';
import { icon } from '../icons.js';
import { goToRoom } from '../router.js';

const WIDE = window.matchMedia('(min-width: 1100px)');

export function membersView({ client, store, shell }) {
  const count = h('span', { class: 'count' });
  const list = h('ul', { class: 'member-list', testid: 'member-list' });
  const closeButton = h('button', { type: 'button', class: 'icon-button', testid: 'members-close', 'aria-label': 'Hide members', onClick: () => setOpen(false) }, icon('close'));
  const headingId = uid('members-title');
  const el = h('section', { class: 'members', id: 'members-panel', testid: 'members-panel', 'aria-labelledby': headingId },
    h('div', { class: 'members-head' }, h('h2', { id: headingId }, 'Members ', count), closeButton),
    list);

  let open = WIDE.matches;

  function setOpen(value) {
    open = value;
    shell.dataset.members = open ? 'open' : 'closed';
    store.emit('members-panel', { open });
    if (open && !WIDE.matches) {
      closeButton.focus();
    }
  }

  function memberItem(member) {
    const li = h('li', { class: 'member' });
    updateMember(li, member);
    return li;
  }

  function updateMember(li, member) {
    const online = store.isOnline(member.id);
    const me = member.id === store.me.id;
    const detail = [member.role === 'owner' ? 'Owner' : null, me ? 'You' : null].filter(Boolean).join(' · ');
    li.dataset.testid = 'member';
    li.dataset.userId = member.id;
    li.dataset.username = member.username;
    li.dataset.online = online ? 'true' : 'false';
    replaceChildren(li,
      h('span', { class: 'member-avatar' }, avatar(member.username), presenceDot(online)),
      h('span', { class: 'member-text' },
        h('span', { class: 'member-name' }, member.username),
        detail ? h('span', { class: 'member-detail' }, detail) : null),
      me ? null : h('button', {
        type: 'button', class: 'icon-button small', testid: 'member-message', 'aria-label': `Message ${member.username}`, title: `Message ${member.username}`,
        onClick: async () => {
          try {
            goToRoom(await client.openDirect(member.id));
          } catch (error) {
            client.notice(error.friendly ?? 'The conversation could not be opened.', 'error');
          }
        },
      }, icon('message')));
  }

  function render() {
    const roster = store.activeRoomId ? store.members.get(store.activeRoomId) ?? [] : [];
    // Online first, then by name: who can answer now is what one looks for.
    const sorted = [...roster].sort((a, b) => (store.isOnline(b.id) - store.isOnline(a.id)) || a.username.localeCompare(b.username));
    reconcile(list, sorted, (m) => m.id, memberItem, updateMember);
    const online = roster.filter((m) => store.isOnline(m.id)).length;
    count.textContent = roster.length ? `(${online} online of ${roster.length})` : '';
  }

  el.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && !WIDE.matches && open) {
      setOpen(false);
    }
  });
  WIDE.addEventListener('change', () => setOpen(WIDE.matches));

  const unsubscribe = [
    store.on('members', ({ roomId }) => roomId === store.activeRoomId && render()),
    store.on('presence', render),
    store.on('active', render),
    store.on('connection', render),
  ];
  shell.dataset.members = open ? 'open' : 'closed';
  render();
  return {
    el,
    toggle: () => setOpen(!open),
    isOpen: () => open,
    close: () => setOpen(false),
    destroy: () => unsubscribe.forEach((off) => off()),
  };
}
