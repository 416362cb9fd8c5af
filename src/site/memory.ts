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

/**
 * How far a build's process may let its V8 heap grow past what its last full garbage collection kept
 * before the next one: a fifth. By V8's default (up to 4×), the garbage of rendering or indexing
 * thousands of pages piles up before it is collected, and V8 keeps the pages it once used: Astro's
 * process reached 800 MB at thirty years, and the CLI's heap from 110 to 630 MB in use while it sent
 * the pages to the search index (docs/benchmarks.md). A fifth collects sooner, at about the same
 * CPU time. It bounds nothing: a bigger site still gets the memory it needs.
 */
export const HEAP_GROWTH = '--heap-growing-percent=20';

/** The builds of this process that hold HEAP_GROWTH set (boundHeapGrowth): builds may overlap in one process. */
let bounds = 0;

/**
 * Sets HEAP_GROWTH in this process, for the collections to come (V8 reads it at each one), until the
 * function returned is called (once) by every build that set it: then V8 gets its default growth back. A build sets it in the CLI's
 * process once its pages are rendered, while it sends them to the search index and writes its
 * caches: that leaves garbage, page after page, which V8's default let grow to 500 MB at thirty years.
 * Set for the whole build, it cost the thirty-year build 5–6 s more of the CLI's CPU (its ingest and
 * reports grow a heap that is live, and were collected again and again), for little less memory.
 */
export function boundHeapGrowth(): () => void {
  if (bounds++ === 0) setFlagsFromString(HEAP_GROWTH);
  let held = true;
  return () => {
    if (!held) return;
    held = false;
    if (--bounds === 0) setFlagsFromString('--heap-growing-percent=0');
  };
}

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
