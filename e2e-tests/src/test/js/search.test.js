import {
  appendResults, highlightParts, noResults, resultKey, SEARCH_MAX_LENGTH, searchQueryProblem, searchWords, snippet,
} from '/app/js/logic/search.js';
import { assert, assertDeepEqual, assertEqual, test } from './harness.js';

const joined = (parts) => parts.map((p) => p.text).join('');
const marked = (parts) => parts.filter((p) => p.match).map((p) => p.text);

test('a blank query, one without a word, or one over 200 characters or 8 words is not sent', () => {
  assertEqual(searchQueryProblem('  '), 'Type something to search for.');
  assertEqual(searchQueryProblem(undefined), 'Type something to search for.');
  assertEqual(searchQueryProblem('?! --'), 'Search for a word: letters or digits.');
  assertEqual(searchQueryProblem('x'.repeat(SEARCH_MAX_LENGTH)), null);
  assertEqual(searchQueryProblem('x'.repeat(SEARCH_MAX_LENGTH + 1)), 'Search for at most 200 characters.');
  assertEqual(searchQueryProblem(`a${'😀'.repeat(SEARCH_MAX_LENGTH - 1)}`), null, 'characters, not UTF-16 units');
  assertEqual(searchQueryProblem('one two three four five six seven eight'), null);
  assertEqual(searchQueryProblem('one two three four five six seven eight nine'), 'Search for at most 8 words.');
  assertEqual(searchQueryProblem(' lunch '), null);
});

test('the words of a query are runs of letters and digits, in lower case, each once', () => {
  assertDeepEqual(searchWords('"Pizza party" -pineapple pizza, 2day!'), ['pizza', 'party', 'pineapple', '2day']);
  assertDeepEqual(searchWords('Éclair'), ['éclair']);
  assertDeepEqual(searchWords(''), []);
});

test('highlighting marks whole words that match in any case, and the parts put back together are the text', () => {
  const text = 'Pizza tonight? I love pizza. PIZZA! pizzas';
  const parts = highlightParts(text, 'pizza');
  assertEqual(joined(parts), text);
  assertDeepEqual(marked(parts), ['Pizza', 'pizza', 'PIZZA', 'pizzas'], 'the last word also as a prefix');
  assertDeepEqual(highlightParts(text, ''), [{ text, match: false }], 'nothing to mark');
  assertDeepEqual(highlightParts('', 'pizza'), []);
});

test('only the last word matches as a prefix; the others match whole words', () => {
  const parts = highlightParts('Meet at the theatre at nine, then tea', 'the tea');
  assertDeepEqual(marked(parts), ['the', 'tea'], '"theatre" and "then" are not "the"; "tea" is the prefix "tea"');
  assertDeepEqual(marked(highlightParts('deploy the deployment', 'deplo')), ['deploy', 'deployment']);
  assertEqual(joined(parts), 'Meet at the theatre at nine, then tea');
});

test('punctuation and markup in a query are only separators; markup in a message stays text', () => {
  const text = 'cost: $5 (maybe) a+b <b>bold</b>';
  assertDeepEqual(marked(highlightParts(text, '$5 (maybe)')), ['5', 'maybe']);
  assertDeepEqual(marked(highlightParts(text, '<b>bold</b>')), ['b', 'b', 'bold', 'b'], 'a+b and the tag are words too, as the server finds them');
  assertEqual(joined(highlightParts(text, '.*')), text);
  assertDeepEqual(marked(highlightParts(text, '.*')), []);
});

test('case is ignored beyond ASCII too', () => {
  assertDeepEqual(marked(highlightParts('ÉCOLE et école', 'école')), ['ÉCOLE', 'école']);
});

test('a short message is its own snippet; line breaks become spaces', () => {
  assertEqual(snippet('hello\n  world', 'world'), 'hello world');
});

test('a long message is cut around the first match, with ellipses where it was cut', () => {
  const words = Array.from({ length: 60 }, (_, i) => `word${i}`);
  words[40] = 'needle';
  const text = words.join(' ');
  const cut = snippet(text, 'needle', 80);
  assert(cut.includes('needle'), cut);
  assert(cut.startsWith('…') && cut.endsWith('…'), cut);
  assert([...cut].length <= 82, `${[...cut].length}: ${cut}`);
  const start = snippet(text, 'word1', 80);
  assert(start.startsWith('word0'), start);
  assert(start.endsWith('…'), start);
  const none = snippet(text, 'absent', 80);
  assert(none.startsWith('word0 '), 'no match: the start');
});

test('a snippet never cuts an emoji in half', () => {
  const text = `${'😀'.repeat(100)} needle ${'😀'.repeat(100)}`;
  const cut = snippet(text, 'needle', 40);
  assert(cut.includes('needle'), cut);
  assert(!/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/.test(cut) && !/(^|[^\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(cut), 'no lone surrogate');
});

test('pages of results add up, each message once, and say where the next page starts', () => {
  const m = (roomId, seq) => ({ roomId, seq, text: `${roomId}${seq}` });
  let results = noResults();
  results = appendResults(results, { messages: [m('a', 1), m('b', 1)], hasMore: true }, 0, 2);
  assertDeepEqual([results.messages.map(resultKey), results.hasMore, results.nextOffset], [['a:1', 'b:1'], true, 2]);
  results = appendResults(results, { messages: [m('b', 1), m('a', 7)], hasMore: false }, 2, 2);
  assertDeepEqual([results.messages.map(resultKey), results.hasMore, results.nextOffset], [['a:1', 'b:1', 'a:7'], false, 4]);
  assertDeepEqual(appendResults(noResults(), {}, 0).messages, []);
});

test('More stops at the deepest page the server gives', () => {
  assertEqual(appendResults(noResults(), { messages: [], hasMore: true }, 980, 20).hasMore, true, 'offset 1000 is the last');
  assertEqual(appendResults(noResults(), { messages: [], hasMore: true }, 1000, 20).hasMore, false);
});
