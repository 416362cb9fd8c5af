/** A render-pool worker: renders each fragment source it is sent and replies with the HTML. */
import { parentPort } from 'node:worker_threads';
import { renderFragment, type FragmentSource } from './render.ts';

parentPort!.on('message', async ({ id, source }: { id: number; source: FragmentSource }) => {
  try {
    parentPort!.postMessage({ id, html: await renderFragment(source) });
  } catch (error) {
    parentPort!.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
