import {
  applyOwnReactionAnswer, applyReaction, canReact, COMMON_REACTIONS, hasReacted, pickerMove, reactionChips, reactionLabel,
  reactionName,
} from '/app/js/logic/reactions.js';
import { assert, assertDeepEqual, assertEqual, test } from './harness.js';

const ME = 'me';

function msg(fields = {}) {
  return { seq: 4, roomId: 'r', kind: 'user', sender: { id: 'bob' }, text: 'hi', ...fields };
}

test('the picker offers eight common emoji, each with a name', () => {
  assertDeepEqual(COMMON_REACTIONS.map((r) => r.emoji), ['👍', '❤️', '😂', '🎉', '😮', '😢', '👀', '🙏']);
  assert(COMMON_REACTIONS.every((r) => r.name.length > 0));
  assertEqual(reactionName('🎉'), 'party popper');
  assertEqual(reactionName('🦄'), '🦄', 'an emoji the picker does not offer is named by itself');
});

test('a reaction event sets the count it carries, absolutely, and leaves the message it came from untouched', () => {
  const before = msg({ reactions: { '👍': 1 } });
  const after = applyReaction(before, { emoji: '👍', count: 3, userId: 'carol', on: true }, ME);
  assertDeepEqual(after.reactions, { '👍': 3 });
  assertDeepEqual(before.reactions, { '👍': 1 }, 'not changed in place');
  assert(after !== before);
  const again = applyReaction(after, { emoji: '👍', count: 3, userId: 'carol', on: true }, ME);
  assertDeepEqual(again.reactions, { '👍': 3 }, 'the same event twice changes nothing');
  assertEqual(again.myReactions, undefined);
});

test('one\'s own event marks the emoji as one\'s own, and taking it back unmarks it', () => {
  const on = applyReaction(msg(), { emoji: '🎉', count: 1, userId: ME, on: true }, ME);
  assertDeepEqual(on.reactions, { '🎉': 1 });
  assertDeepEqual(on.myReactions, ['🎉']);
  assert(hasReacted(on, '🎉'));
  const twice = applyReaction(on, { emoji: '🎉', count: 1, userId: ME, on: true }, ME);
  assertDeepEqual(twice.myReactions, ['🎉'], 'not listed twice');
  const off = applyReaction(on, { emoji: '🎉', count: 0, userId: ME, on: false }, ME);
  assertEqual(off.reactions, undefined, 'no reactions left: the field goes, as the server leaves it out');
  assertEqual(off.myReactions, undefined);
  assert(!hasReacted(off, '🎉'));
});

test('someone else\'s event keeps one\'s own mark; a count of 0 removes the emoji and the mark with it', () => {
  const mine = msg({ reactions: { '👍': 2, '👀': 1 }, myReactions: ['👍'] });
  const more = applyReaction(mine, { emoji: '👍', count: 1, userId: 'bob', on: false }, ME);
  assertDeepEqual(more.reactions, { '👍': 1, '👀': 1 });
  assertDeepEqual(more.myReactions, ['👍']);
  const gone = applyReaction(mine, { emoji: '👍', count: 0, userId: 'bob', on: false }, ME);
  assertDeepEqual(gone.reactions, { '👀': 1 });
  assertEqual(gone.myReactions, undefined);
});

test('the answer to one\'s own toggle applies unless its live event came first', () => {
  const message = msg({ reactions: { '👍': 1 } });
  const answered = applyOwnReactionAnswer(message, { emoji: '👍', on: true, count: 2 }, ME);
  assertDeepEqual([answered.reactions, answered.myReactions], [{ '👍': 2 }, ['👍']]);
  // The event came first and a later one (someone else's) after it: the answer's older count must not win.
  const fromEvents = msg({ reactions: { '👍': 3 }, myReactions: ['👍'] });
  assertEqual(applyOwnReactionAnswer(fromEvents, { emoji: '👍', on: true, count: 2 }, ME), null);
  const off = applyOwnReactionAnswer(fromEvents, { emoji: '👍', on: false, count: 2 }, ME);
  assertDeepEqual([off.reactions, off.myReactions], [{ '👍': 2 }, undefined]);
});

test('chips list each emoji with its count, in the order they came, one\'s own pressed', () => {
  const message = msg({ reactions: { '🎉': 1, '👍': 2, '😢': 0 }, myReactions: ['👍'] });
  assertDeepEqual(reactionChips(message), [
    { emoji: '🎉', count: 1, mine: false },
    { emoji: '👍', count: 2, mine: true },
  ]);
  assertDeepEqual(reactionChips(msg()), []);
  assertEqual(reactionLabel({ emoji: '👍', count: 2, mine: true }), 'thumbs up: 2 reactions, including yours');
  assertEqual(reactionLabel({ emoji: '🎉', count: 1, mine: false }), 'party popper: 1 reaction');
});

test('only stored, living user messages take reactions', () => {
  assert(canReact(msg()));
  assert(!canReact(msg({ kind: 'system' })), 'a system line');
  assert(!canReact(msg({ deleted: true })), 'a deleted message');
  assert(!canReact({ clientMsgId: 'c1', text: 'pending' }), 'a pending send');
  assert(!canReact(null));
});

test('arrow keys move through the picker\'s grid of four a row, wrapping round', () => {
  assertEqual(pickerMove(0, 'ArrowRight', 8, 4), 1);
  assertEqual(pickerMove(7, 'ArrowRight', 8, 4), 0);
  assertEqual(pickerMove(0, 'ArrowLeft', 8, 4), 7);
  assertEqual(pickerMove(1, 'ArrowDown', 8, 4), 5);
  assertEqual(pickerMove(5, 'ArrowDown', 8, 4), 1);
  assertEqual(pickerMove(2, 'ArrowUp', 8, 4), 6);
  assertEqual(pickerMove(5, 'Home', 8, 4), 0);
  assertEqual(pickerMove(2, 'End', 8, 4), 7);
  assertEqual(pickerMove(2, 'Enter', 8, 4), null, 'Enter is the button\'s own');
});
