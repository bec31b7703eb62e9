// A tiny test harness: test(name, fn) registers a test (fn may be async), the assertions throw AssertionError.
// Tests run in the order they were registered; each must finish within TEST_TIMEOUT_MS.

const TEST_TIMEOUT_MS = 5_000;
const registered = [];
let currentFile = '(unknown)';

export class AssertionError extends Error {}

/** Called by the worker before importing a test file: tests it registers belong to it. */
export function startFile(file) {
  currentFile = file;
}

export function test(name, fn) {
  registered.push({ file: currentFile, name, fn });
}

/** How many tests were registered so far (a test file that adds none is a mistake). */
export function registeredCount() {
  return registered.length;
}

function show(value) {
  if (value instanceof Map) {
    return `Map(${show([...value.entries()])})`;
  }
  if (value === undefined) {
    return 'undefined';
  }
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

function fail(message, detail) {
  throw new AssertionError(message ? `${message}: ${detail}` : detail);
}

export function assert(condition, message = 'expected true') {
  if (!condition) {
    fail(null, message);
  }
}

/** Strict equality (Object.is). */
export function assertEqual(actual, expected, message) {
  if (!Object.is(actual, expected)) {
    fail(message, `expected ${show(expected)} but was ${show(actual)}`);
  }
}

function deepEqual(a, b) {
  if (Object.is(a, b)) {
    return true;
  }
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
    return false;
  }
  if (Array.isArray(a) !== Array.isArray(b) || Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) {
    return false;
  }
  if (a instanceof Map) {
    return a.size === b.size && [...a].every(([key, value]) => b.has(key) && deepEqual(value, b.get(key)));
  }
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  return keysA.length === keysB.length && keysA.every((key) => Object.hasOwn(b, key) && deepEqual(a[key], b[key]));
}

/** Structural equality of arrays, plain objects and Maps (same keys, same values, same prototypes). */
export function assertDeepEqual(actual, expected, message) {
  if (!deepEqual(actual, expected)) {
    fail(message, `expected ${show(expected)} but was ${show(actual)}`);
  }
}

export function assertBetween(actual, low, high, message) {
  if (!(typeof actual === 'number' && actual >= low && actual <= high)) {
    fail(message, `expected a number in [${low}, ${high}] but was ${show(actual)}`);
  }
}

/** `fn` (or the promise it returns) fails; returns the error. */
export async function assertRejects(fn, message = 'expected an error') {
  try {
    await fn();
  } catch (error) {
    return error;
  }
  return fail(null, message);
}

function withTimeout(promise, ms) {
  let timer;
  return Promise.race([
    promise,
    new Promise((resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** Runs the registered tests one by one, reporting each as {file, name, ok, message}. */
export async function runRegistered(report) {
  for (const { file, name, fn } of registered) {
    try {
      await withTimeout(Promise.resolve().then(fn), TEST_TIMEOUT_MS);
      report({ file, name, ok: true, message: '' });
    } catch (error) {
      const message = error instanceof AssertionError ? error.message : String(error?.stack ?? error);
      report({ file, name, ok: false, message });
    }
  }
}
