// Runs every *.test.js (the server lists them in manifest.json) in this worker, one test at a time, and posts
// each result. A test file that cannot be imported counts as a failed test of that file.

import { registeredCount, runRegistered, startFile } from './harness.js';

async function main() {
  const response = await fetch(new URL('manifest.json', import.meta.url));
  if (!response.ok) {
    throw new Error(`manifest.json: HTTP ${response.status}`);
  }
  const files = await response.json();
  if (files.length === 0) {
    throw new Error('no *.test.js files');
  }
  for (const file of files) {
    startFile(file);
    const before = registeredCount();
    try {
      await import(new URL(file, import.meta.url).href);
      if (registeredCount() === before) {
        self.postMessage({ type: 'result', result: { file, name: '(import)', ok: false, message: 'the file registers no test' } });
      }
    } catch (error) {
      self.postMessage({ type: 'result', result: { file, name: '(import)', ok: false, message: String(error?.stack ?? error) } });
    }
  }
  await runRegistered((result) => self.postMessage({ type: 'result', result }));
}

main().then(
  () => self.postMessage({ type: 'done' }),
  (error) => self.postMessage({ type: 'fatal', error: String(error?.stack ?? error) }),
);
