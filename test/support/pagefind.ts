/**
 * Pagefind's index of some pages, in memory: each file's path and bytes. Two such indexes are the
 * same site search when their files are the same (test/searchable.test.ts, test/site.test.ts).
 */
import * as pagefind from 'pagefind';

/** Indexes `pages` (url → HTML) in the order given, each page through `transform`, and returns the bundle's files by path. */
export async function pagefindFiles(pages: [url: string, html: string][], transform: (html: string) => string = (html) => html): Promise<Map<string, Buffer>> {
  const { index, errors } = await pagefind.createIndex({});
  if (!index) throw new Error(errors.join('; '));
  try {
    for (const [url, html] of pages) {
      const added = await index.addHTMLFile({ url, content: transform(html) });
      if (added.errors.length > 0) throw new Error(added.errors.join('; '));
    }
    const { files, errors: failed } = await index.getFiles();
    if (failed.length > 0) throw new Error(failed.join('; '));
    return new Map(files.map((file) => [file.path, Buffer.from(file.content)]));
  } finally {
    await index.deleteIndex();
  }
}

/** The paths whose bytes differ between two indexes, or that only one has. */
export function differingFiles(a: Map<string, Buffer>, b: Map<string, Buffer>): string[] {
  return [...new Set([...a.keys(), ...b.keys()])].filter((path) => !a.get(path)?.equals(b.get(path) ?? Buffer.alloc(0)) || !b.has(path)).sort();
}
