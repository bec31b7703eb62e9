// Reactions on a message: the picker's emoji, counts as the server says them, and whether one reacted oneself.
// Pure: plain message objects ({reactions: {emoji: count}, myReactions: [emoji]}); no DOM. A message is never
// changed in place: each function returns a new object (the log view re-renders a message whose object changed).

/** The picker's emoji, with the names screen readers and tooltips use. */
export const COMMON_REACTIONS = Object.freeze([
  { emoji: '👍', name: 'thumbs up' },
  { emoji: '❤️', name: 'heart' },
  { emoji: '😂', name: 'tears of joy' },
  { emoji: '🎉', name: 'party popper' },
  { emoji: '😮', name: 'surprised' },
  { emoji: '😢', name: 'crying' },
  { emoji: '👀', name: 'eyes' },
  { emoji: '🙏', name: 'folded hands' },
]);

/** The name of an emoji for labels: the picker's name, or the emoji itself (someone reacted with another client). */
export function reactionName(emoji) {
  return COMMON_REACTIONS.find((r) => r.emoji === emoji)?.name ?? emoji;
}

/** Whether a message takes reactions: a stored user message that is not deleted (not a system line, not pending). */
export function canReact(message) {
  return Number.isInteger(message?.seq) && message.kind !== 'system' && !message.deleted;
}

/**
 * A `reaction` event ({emoji, count, userId, on}) applied to a message: the emoji's count becomes `count` (absolute:
 * the server's total, so an event seen twice changes nothing); an emoji at 0 goes. If `userId` is `myId`, one's own
 * reacted state follows `on`. Returns the new message.
 */
export function applyReaction(message, { emoji, count, userId, on }, myId) {
  const reactions = { ...(message.reactions ?? {}) };
  if (Number.isInteger(count) && count > 0) {
    reactions[emoji] = count;
  } else {
    delete reactions[emoji];
  }
  let mine = message.myReactions ?? [];
  if (userId === myId) {
    mine = on ? (mine.includes(emoji) ? mine : [...mine, emoji]) : mine.filter((e) => e !== emoji);
  }
  // Mine but counted 0 cannot be: the count is the server's, so one's own mark goes with it.
  mine = mine.filter((e) => reactions[e] > 0);
  const next = { ...message };
  delete next.reactions;
  delete next.myReactions;
  if (Object.keys(reactions).length > 0) {
    next.reactions = reactions;
  }
  if (mine.length > 0) {
    next.myReactions = mine;
  }
  return next;
}

/**
 * The answer to one's own POST or DELETE ({emoji, on, count}), applied unless the live event of that same toggle came
 * first: then one's reacted state already says `on`, and the event's count (maybe newer than this answer) stays.
 * Returns the new message, or null when there is nothing to change.
 */
export function applyOwnReactionAnswer(message, answer, myId) {
  const mine = (message.myReactions ?? []).includes(answer.emoji);
  if (mine === Boolean(answer.on)) {
    return null;
  }
  return applyReaction(message, { ...answer, userId: myId }, myId);
}

/** Whether one has reacted with `emoji` to the message. */
export function hasReacted(message, emoji) {
  return (message.myReactions ?? []).includes(emoji);
}

/** The chips under a message, in the order the emoji were first used: [{emoji, count, mine}]. */
export function reactionChips(message) {
  const mine = new Set(message.myReactions ?? []);
  return Object.entries(message.reactions ?? {})
    .filter(([, count]) => Number.isInteger(count) && count > 0)
    .map(([emoji, count]) => ({ emoji, count, mine: mine.has(emoji) }));
}

/** What a chip says to a screen reader: "thumbs up: 2 reactions, including yours". */
export function reactionLabel({ emoji, count, mine }) {
  const people = `${count} ${count === 1 ? 'reaction' : 'reactions'}`;
  return `${reactionName(emoji)}: ${people}${mine ? ', including yours' : ''}`;
}

/** Where focus goes in the picker's grid of `columns` on a key: the next index, or null for a key it does not use. */
export function pickerMove(index, key, total, columns) {
  switch (key) {
    case 'ArrowRight':
      return (index + 1) % total;
    case 'ArrowLeft':
      return (index - 1 + total) % total;
    case 'ArrowDown':
      return (index + columns) % total;
    case 'ArrowUp':
      return (index - columns + total) % total;
    case 'Home':
      return 0;
    case 'End':
      return total - 1;
    default:
      return null;
  }
}
