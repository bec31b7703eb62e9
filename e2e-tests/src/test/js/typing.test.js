import { expireTyping, TYPING_EVERY_MS, typingText, typingWait } from '/app/js/logic/typing.js';
import { assertDeepEqual, assertEqual, test } from './harness.js';

test('a typing notice goes out at once the first time, then waits out the interval', () => {
  assertEqual(TYPING_EVERY_MS, 2500);
  assertEqual(typingWait(undefined, 10_000) <= 0, true, 'never sent');
  assertEqual(typingWait(10_000, 10_000), 2500);
  assertEqual(typingWait(10_000, 11_000), 1500);
  assertEqual(typingWait(10_000, 12_500), 0);
  assertEqual(typingWait(10_000, 20_000) <= 0, true);
  assertEqual(typingWait(0, 100, 1000), 900, 'interval as an option');
});

test('notices that ran out are removed, and only then is there a change', () => {
  const entries = new Map([
    ['a', { username: 'ann', until: 100 }],
    ['b', { username: 'bea', until: 200 }],
    ['c', { username: 'cy', until: 300 }],
  ]);
  assertEqual(expireTyping(entries, 99), false);
  assertEqual(entries.size, 3);
  assertEqual(expireTyping(entries, 200), true, 'until is exclusive: 200 has run out at 200');
  assertDeepEqual([...entries.keys()], ['c']);
  assertEqual(expireTyping(entries, 250), false);
  assertEqual(expireTyping(new Map(), 1), false);
});

test('the typing line names one or two people, then says several', () => {
  assertEqual(typingText([]), '');
  assertEqual(typingText(['ann']), 'ann is typing…');
  assertEqual(typingText(['ann', 'bea']), 'ann and bea are typing…');
  assertEqual(typingText(['ann', 'bea', 'cy']), 'Several people are typing…');
});
