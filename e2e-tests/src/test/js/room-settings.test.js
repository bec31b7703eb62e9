import {
  applyRoomSettings, retentionText, settingsErrors, settingsFieldOf, settingsPatch, settingsValues,
} from '/app/js/logic/room-settings.js';
import { assertDeepEqual, assertEqual, test } from './harness.js';

const room = (fields = {}) => ({ id: 'r', name: 'lounge', kind: 'channel', role: 'owner', systemLines: false, ...fields });
const form = (fields = {}) => ({ topic: '', maxAgeDays: '', maxMessages: '', systemLines: false, ...fields });

test('the form starts from the room as it is', () => {
  assertDeepEqual(settingsValues(room()), form());
  assertDeepEqual(settingsValues(room({ topic: 'tea', retention: { maxAgeDays: 30 }, systemLines: true })),
    form({ topic: 'tea', maxAgeDays: '30', systemLines: true }));
  assertDeepEqual(settingsValues(room({ retention: { maxMessages: 500 } })), form({ maxMessages: '500' }));
});

test('unchanged values ask for nothing', () => {
  const r = room({ topic: 'tea', retention: { maxAgeDays: 30 }, systemLines: true });
  assertDeepEqual(settingsPatch(r, settingsValues(r)), { patch: {}, errors: {} });
  assertDeepEqual(settingsPatch(r, { ...settingsValues(r), topic: '  tea ' }), { patch: {}, errors: {} }, 'trimmed');
});

test('only what changed is sent; retention goes whole, with null for no limit', () => {
  const r = room({ topic: 'tea', retention: { maxAgeDays: 30 } });
  assertDeepEqual(settingsPatch(r, form({ topic: 'tea', maxAgeDays: '30', maxMessages: '1,000' })).patch,
    { retention: { maxAgeDays: 30, maxMessages: 1000 } });
  assertDeepEqual(settingsPatch(r, form({ topic: 'coffee', maxAgeDays: '30' })).patch, { topic: 'coffee' });
  assertDeepEqual(settingsPatch(r, form({ topic: '', maxAgeDays: '30' })).patch, { topic: '' }, 'a topic taken away');
  assertDeepEqual(settingsPatch(r, form({ topic: 'tea' })).patch, { retention: null }, 'both limits emptied');
  assertDeepEqual(settingsPatch(r, form({ topic: 'tea', maxAgeDays: '30', systemLines: true })).patch, { systemLines: true });
});

test('limits out of range, or not whole numbers, are said per field and nothing is sent', () => {
  const { patch, errors } = settingsPatch(room(), form({ maxAgeDays: '0', maxMessages: '9' }));
  assertDeepEqual(patch, {});
  assertDeepEqual(Object.keys(errors), ['maxAgeDays', 'maxMessages']);
  assertEqual(Object.keys(settingsPatch(room(), form({ maxAgeDays: '3651' })).errors)[0], 'maxAgeDays');
  assertEqual(Object.keys(settingsPatch(room(), form({ maxAgeDays: '1.5' })).errors)[0], 'maxAgeDays');
  assertEqual(Object.keys(settingsPatch(room(), form({ maxMessages: '-20' })).errors)[0], 'maxMessages');
  assertEqual(Object.keys(settingsPatch(room(), form({ maxMessages: '10000001' })).errors)[0], 'maxMessages');
  assertDeepEqual(settingsPatch(room(), form({ maxAgeDays: '3650', maxMessages: '10' })).errors, {}, 'the bounds are allowed');
  assertEqual(Object.keys(settingsPatch(room(), form({ topic: 'x'.repeat(257) })).errors)[0], 'topic');
});

test('the server\'s field errors land on the form\'s fields, whatever path names them', () => {
  assertEqual(settingsFieldOf('retention.maxAgeDays'), 'maxAgeDays');
  assertEqual(settingsFieldOf('maxMessages'), 'maxMessages');
  assertEqual(settingsFieldOf('topic'), 'topic');
  assertEqual(settingsFieldOf('retention'), 'form');
  assertEqual(settingsFieldOf(undefined), 'form');
  assertDeepEqual(settingsErrors({ 'retention.maxMessages': 'too small', body: 'odd', retention: 'bad' }),
    { maxMessages: 'too small', form: 'odd bad' });
});

test('a room updated frame says the settings as they are: what it leaves out is none', () => {
  const before = room({ topic: 'tea', retention: { maxAgeDays: 30 }, systemLines: true });
  const after = applyRoomSettings(before, { type: 'room', roomId: 'r', event: 'updated', topic: 'coffee', systemLines: true });
  assertDeepEqual([after.topic, after.retention, after.systemLines], ['coffee', null, true]);
  assertEqual(before.topic, 'tea', 'not changed in place');
  const cleared = applyRoomSettings(before, { event: 'updated', retention: { maxMessages: 100 }, systemLines: false });
  assertDeepEqual([cleared.topic, cleared.retention, cleared.systemLines], [null, { maxMessages: 100 }, false]);
  assertEqual(applyRoomSettings(before, { topic: '', evictedBefore: 7 }).topic, null);
  assertEqual(applyRoomSettings(before, { evictedBefore: 7 }).evictedBefore, 7);
  assertEqual(applyRoomSettings(before, {}).systemLines, true, 'no systemLines: unchanged');
  assertEqual(applyRoomSettings(before, { name: 'x' }).name, 'lounge', 'only settings');
});

test('retention in words', () => {
  assertEqual(retentionText(null), '');
  assertEqual(retentionText({}), '');
  assertEqual(retentionText({ maxAgeDays: 1 }), 'Messages older than 1 day are removed.');
  assertEqual(retentionText({ maxAgeDays: 30 }), 'Messages older than 30 days are removed.');
  assertEqual(retentionText({ maxMessages: 1000 }), 'Only the newest 1,000 messages are kept.');
  assertEqual(retentionText({ maxAgeDays: 7, maxMessages: 50 }), 'Messages older than 7 days, and all but the newest 50, are removed.');
});
