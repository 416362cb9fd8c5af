/** A render-pool process (render-pool.ts): renders each fragment source it is sent and replies with the HTML. It holds nothing open but its channel to the CLI, so it ends by itself when the CLI's process goes (render-worker.test.ts). */
import { renderFragment, type FragmentSource } from './render.ts';

process.on('message', async ({ id, source }: { id: number; source: FragmentSource }) => {
  try {
    process.send!({ id, html: await renderFragment(source) });
  } catch (error) {
    process.send!({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
