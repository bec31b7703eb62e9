import {
  compareByActivity, compareChannels, composerPlaceholder, EVICTED_TEXT, historyEdge, label, roomActions, roomTopic, takesJoinRequests,
} from '/app/js/logic/rooms.js';
import { assertDeepEqual, assertEqual, test } from './harness.js';

const channel = (fields) => ({ kind: 'channel', name: 'lounge', visibility: 'public', role: 'member', ...fields });

test('rooms are named in sentences by kind', () => {
  assertEqual(label(channel()), '#lounge');
  assertEqual(label({ kind: 'direct', name: 'pat' }), 'the conversation with pat');
  assertEqual(label({ kind: 'general', name: 'general' }), '#general');
});

test('the room menu offers what one may do', () => {
  assertDeepEqual(roomActions(channel()), ['invite', 'leave']);
  assertDeepEqual(roomActions(channel({ role: 'owner' })), ['settings', 'invite', 'delete']);
  assertDeepEqual(roomActions(channel({ role: 'owner', visibility: 'private' })), ['settings', 'invite', 'join-requests', 'delete']);
  assertDeepEqual(roomActions(channel({ visibility: 'private' })), ['invite', 'leave']);
  assertDeepEqual(roomActions({ kind: 'direct', name: 'pat', role: 'owner' }), []);
  assertDeepEqual(roomActions({ kind: 'general', name: 'general', role: 'member' }), []);
});

test('only the owner of a private room takes join requests', () => {
  assertEqual(takesJoinRequests(channel({ role: 'owner', visibility: 'private' })), true);
  assertEqual(takesJoinRequests(channel({ role: 'owner' })), false);
  assertEqual(takesJoinRequests(channel({ visibility: 'private' })), false);
});

test('channels list general first, then by name', () => {
  const rooms = [channel({ name: 'zoo' }), { kind: 'general', name: 'general' }, channel({ name: 'apple' }), channel({ name: 'mango' })];
  assertDeepEqual(rooms.sort(compareChannels).map((r) => r.name), ['general', 'apple', 'mango', 'zoo']);
});

test('conversations list the most recently active first, then by name', () => {
  const rooms = [
    { name: 'old', createdAt: '2024-01-01T00:00:00Z' },
    { name: 'new', lastMessage: { createdAt: '2024-03-01T00:00:00Z' }, createdAt: '2023-01-01T00:00:00Z' },
    { name: 'b-mid', createdAt: '2024-02-01T00:00:00Z' },
    { name: 'a-mid', createdAt: '2024-02-01T00:00:00Z' },
    { name: 'never' },
  ];
  assertDeepEqual(rooms.sort(compareByActivity).map((r) => r.name), ['new', 'a-mid', 'b-mid', 'old', 'never']);
});

test('topics and placeholders fit the kind of room', () => {
  assertEqual(roomTopic(channel({ topic: 'coffee' })), 'coffee');
  assertEqual(roomTopic(channel()), '');
  assertEqual(roomTopic({ kind: 'direct', name: 'pat' }), 'Direct message');
  assertEqual(roomTopic({ kind: 'general', name: 'general' }), 'Everyone is here');
  assertEqual(composerPlaceholder(channel()), 'Message #lounge');
  assertEqual(composerPlaceholder({ kind: 'direct', name: 'pat' }), 'Message pat');
});

test('the top of the log says loading, error, the beginning, or nothing', () => {
  const log = (fields) => ({ loaded: true, loadingOlder: false, hasMoreBefore: true, error: null, ...fields });
  assertDeepEqual(historyEdge(log({ loaded: false }), channel()), { state: 'loading', text: 'Loading messages…' });
  assertDeepEqual(historyEdge(log({ loaded: false, error: 'Cannot reach the server.' }), channel()),
    { state: 'error', text: 'Cannot reach the server.' });
  assertDeepEqual(historyEdge(log({ loadingOlder: true }), channel()), { state: 'loading', text: 'Loading older messages…' });
  assertDeepEqual(historyEdge(log({ hasMoreBefore: false }), channel()), { state: 'start', text: 'This is the beginning of #lounge.' });
  assertDeepEqual(historyEdge(log({ hasMoreBefore: false }), { kind: 'direct', name: 'pat' }),
    { state: 'start', text: 'This is the beginning of your conversation with pat.' });
  assertDeepEqual(historyEdge(log({}), channel()), { state: 'more', text: '' });
  assertDeepEqual(historyEdge(log({ error: 'old failure' }), channel()), { state: 'more', text: '' }, 'an error after loading is not shown');
});

test('the top of a log that retention cut says so instead of the beginning', () => {
  const log = (fields) => ({ loaded: true, loadingOlder: false, hasMoreBefore: false, error: null, evictedBefore: null, ...fields });
  assertDeepEqual(historyEdge(log({ evictedBefore: 41 }), channel()), { state: 'evicted', text: EVICTED_TEXT });
  assertEqual(EVICTED_TEXT, 'Older messages were removed by this room\'s retention policy.');
  assertEqual(historyEdge(log({ evictedBefore: 1 }), channel()).state, 'start', 'nothing before seq 1 was ever there');
  assertEqual(historyEdge(log({ evictedBefore: 41, hasMoreBefore: true }), channel()).state, 'more', 'kept messages still above');
  assertEqual(historyEdge(log({ evictedBefore: 41, loadingOlder: true }), channel()).state, 'loading');
});
