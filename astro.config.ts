// The site's Astro settings. `turbowork build` runs Astro programmatically and adds outDir, base
// and site title at build time (src/site/build.ts); running `astro` directly is not supported.
import { defineConfig } from 'astro/config';

export default defineConfig({
  trailingSlash: 'always',
  build: { format: 'directory', inlineStylesheets: 'never', concurrency: 4 },
  devToolbar: { enabled: false },
  compressHTML: true,
});
