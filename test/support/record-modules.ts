/**
 * Loaded with `node --import`: records every module the process loads (ES modules and require()
 * alike, through Node's synchronous hooks) and writes their URLs, one a line, to the file named by
 * $RECORD_MODULES when the process exits.
 */
import { writeFileSync } from 'node:fs';
import { registerHooks } from 'node:module';

const loaded = new Set<string>();
registerHooks({
  load(url, context, next) {
    loaded.add(url);
    return next(url, context);
  },
});
process.on('exit', () => writeFileSync(process.env.RECORD_MODULES!, [...loaded].join('\n')));
