/**
 * Gives back to the system the part of this process's V8 heap that holds nothing live. V8 keeps the
 * heap it once grew to: after a cold thirty-year build has read the journal and assembled the site,
 * the CLI's heap had 400 MB committed (its young generation 128 MB of it) and 85 MB live, and kept
 * them while the pages rendered, beside the processes rendering them (docs/benchmarks.md): its
 * collections then did not compact it. V8 shrinks its heap in a collection made to reduce memory,
 * which it runs by itself when the heap is about to run out, when the embedder reports memory
 * pressure, or when it finds the process idle (it did not here). Node offers no call for one but
 * V8's `gc()` extension, whose "last-resort" collection is that one (two full collections or more,
 * compacting the heap and shrinking the young generation). The extension is turned on for a moment
 * to take `gc()` from a new context, as jest's leak detector does; in a process started with
 * `--expose-gc`, the global one is used.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

type Collect = (options: { type: 'major'; execution: 'sync'; flavor: 'last-resort' }) => void;

let collect: Collect | undefined;

/** Collects garbage to reduce memory, synchronously: two full collections or more, for a time of the order of the live heap's marking. */
export function releaseMemory(): void {
  collect ??= (globalThis as { gc?: Collect }).gc ?? gcFunction();
  collect({ type: 'major', execution: 'sync', flavor: 'last-resort' });
}

/** V8's `gc()`, from a context made while `--expose-gc` is on (contexts made later do not get one). */
function gcFunction(): Collect {
  setFlagsFromString('--expose-gc');
  try {
    return runInNewContext('gc') as Collect;
  } finally {
    setFlagsFromString('--no-expose-gc');
  }
}
