// The comparison for `npm run bench`: a plain Astro build that renders only the journal's daily
// files through Astro's own glob() loader, with the same build settings as the real site.
import { defineConfig } from 'astro/config';

export default defineConfig({ trailingSlash: 'always', build: { format: 'directory' }, devToolbar: { enabled: false } });
