/** A render-pool process (render-pool.ts): renders each fragment source it is sent and replies with the HTML; it ends when the CLI's process goes. */
import { renderFragment, type FragmentSource } from './render.ts';

process.on('message', async ({ id, source }: { id: number; source: FragmentSource }) => {
  try {
    process.send!({ id, html: await renderFragment(source) });
  } catch (error) {
    process.send!({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
process.once('disconnect', () => process.exit());
