/**
 * The Astro process: one per build, started by src/site/astro.ts in a fresh working directory
 * (Astro's prerender step writes its chunks there and imports them). It runs Astro's programmatic
 * build; pages get the site data from the CLI's process through src/site/handoff.ts. When Astro is
 * done it says so and waits to be stopped: Astro and Vite can leave handles open.
 *
 * argv[2]: the build's settings as JSON, e.g. {"root":"/repo/","outDir":"/tmp/dist.partial","base":"/","logLevel":"error"},
 * with "srcDir" for a site whose pages live elsewhere (the team site's, src/team/site/)
 */
import { build } from 'astro';

const { root, srcDir, outDir, base, logLevel } = JSON.parse(process.argv[2]) as { root: string; srcDir?: string; outDir: string; base: string; logLevel: 'error' };

try {
  await build({ root, ...(srcDir ? { srcDir } : {}), outDir, base, logLevel, vite: { logLevel } });
  process.send!({ type: 'done' });
} catch (error) {
  process.send!({ type: 'failed', message: (error as Error)?.message ?? String(error), stack: (error as Error)?.stack });
}
