// Starts the test worker and publishes what it reports as window.testRun:
// {done, results: [{file, name, ok, message}], error}. WebClientLogicTest waits for done and reads it.

const run = { done: false, results: [], error: null };
window.testRun = run;
const out = document.getElementById('out');

function finish(error) {
  run.error = error ?? null;
  run.done = true;
  const failed = run.results.filter((r) => !r.ok);
  out.textContent = [
    error ? `runner error: ${error}` : `${run.results.length - failed.length} passed, ${failed.length} failed`,
    ...failed.map((r) => `FAIL ${r.file} › ${r.name}: ${r.message}`),
  ].join('\n');
}

const worker = new Worker(new URL('worker.js', import.meta.url), { type: 'module' });
worker.addEventListener('message', (event) => {
  const { type } = event.data;
  if (type === 'result') {
    run.results.push(event.data.result);
  } else if (type === 'done') {
    finish(null);
  } else if (type === 'fatal') {
    finish(event.data.error);
  }
});
worker.addEventListener('error', (event) => {
  event.preventDefault();
  finish(`worker failed: ${event.message || 'could not load (a syntax or import error?)'}`);
});
