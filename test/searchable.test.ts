/**
 * The part of a page Pagefind reads (src/site/searchable.ts): Pagefind's index of a page cut to
 * that part is the same, file for file, as its index of the whole page; on pages generated from
 * the elements Pagefind treats apart (SVG, scripts, the frame around the body, ignored subtrees,
 * titles, filters, anchors, text-level elements whose tags go and attributes Pagefind reads) and
 * written the way hostile or careless HTML is (markup in attribute
 * values, comments and scripts, unquoted and unterminated attributes, nested SVG). The built
 * sample site and a journal full of script are compared the same way in test/site.test.ts.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import * as pagefind from 'pagefind';
import { searchable } from '../src/site/searchable.ts';
import { differingFiles, pagefindFiles } from './support/pagefind.ts';

afterAll(() => pagefind.close());

/** Whether Pagefind indexes the page the same whole and cut; the cut page's length. */
async function sameIndex(html: string): Promise<number> {
  const cut = searchable(html);
  const [whole, part] = [await pagefindFiles([['/page/', html]]), await pagefindFiles([['/page/', cut]])];
  expect(differingFiles(whole, part), `whole:\n${html}\ncut:\n${cut}`).toEqual([]);
  return cut.length;
}

const page = (body: string, { head = '<title>Tue, 4 Mar 2025 · Journal</title>', frame = '<header><nav><a href="/">Home</a></nav></header>' } = {}) =>
  `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">${head}</head><body>${frame}<main id="main" data-pagefind-body>${body}</main><footer><p>Built by turbowork</p></footer><script type="module">if (a < b) document.write("</main><h1>x</h1>")</script></body></html>`;
const chart = '<svg role="img" aria-label="Hours per day" viewBox="0 0 10 10"><title>Hours per day</title><g><path d="M0,0h10"/><text x="1">Deep work 3.8</text></g></svg>';

describe('a page cut to what Pagefind reads', () => {
  it('drops charts, the frame and ignored subtrees, and keeps the words, title, headings and anchors', async () => {
    const html = page(`<h1>Tue, 4 Mar 2025</h1><section class="card"><h2 id="wins">Wins</h2><ul><li id="L21">Landed the search-api runbook</li></ul>${chart}</section><div data-pagefind-ignore><p>Carried over from last week</p>${chart}</div><nav class="pager"><a href="/days/2025-03-03/">← 2025-03-03</a></nav>`);
    const cut = searchable(html);
    expect(cut).not.toContain('<svg');
    expect(cut).not.toContain('Carried over');
    expect(cut).not.toContain('Built by turbowork');
    expect(cut).not.toContain('<script');
    expect(cut).toContain('<html lang="en">');
    expect(cut).toContain('<title>Tue, 4 Mar 2025 · Journal</title>');
    expect(cut).toContain('<li id="L21">Landed the search-api runbook</li>');
    expect(await sameIndex(html)).toBeLessThan(html.length / 2);
  });

  it('sends the text of text-level elements without their tags, and tags without the attributes Pagefind does not read', async () => {
    // An anchor's text (a sub-result's title) gathers the text of the text-level elements in it; a
    // <div> ends a sentence where a <span> does not; an image after the title is the result's image.
    const html = page(`<h1 class="title">Tue, <time datetime="2025-03-04">4 Mar</time> 2025</h1><p class="eyebrow"><a href="/weeks/2025-W10/">2025-W10</a> · <span class="tag">#oncall</span></p><img src="/chart.png" alt="Hours"><h2 id="wins" class="big">The <em>big</em> <a href="/x">wins</a></h2><ul class="plain"><li class="win" id="L21"><span>Landed the <strong>search-api</strong> runbook</span> <div class="meta">Metrics: <span class="tag">35 minutes</span></div></li></ul><p><span data-pagefind-meta="mood">good</span><span data-pagefind-filter="tag">perf</span><input data-pagefind-index-attrs="title" title="Deploy checklist"><code id="snippet">npm run tw</code></p>`);
    const cut = searchable(html);
    expect(cut).not.toContain('class=');
    expect(cut).not.toContain('<span>');
    expect(cut).not.toContain('<em>');
    expect(cut).toContain('<h1>Tue, 4 Mar 2025</h1>');
    expect(cut).toContain('<p>2025-W10 · #oncall</p>');
    expect(cut).toContain('<img src="/chart.png" alt="Hours">');
    expect(cut).toContain('<span data-pagefind-meta="mood">good</span>');
    expect(cut).toContain('<input data-pagefind-index-attrs="title" title="Deploy checklist">');
    expect(cut).toContain('<code id="snippet">npm run tw</code>');
    await sameIndex(html);
  });

  it('keeps what Pagefind reads outside the body or in a skipped subtree', async () => {
    // A title in the frame, a filter in an ignored subtree, an SVG with an id (an anchor), an SVG
    // holding HTML that ends it early, an image after the title: each kept, each indexed the same.
    const kept = [
      page('<p>Body words</p>', { frame: '<header><h1>The frame’s title</h1></header>' }),
      page('<h1>Day</h1><div data-pagefind-ignore><span data-pagefind-filter="tag">perf</span></div>'),
      page(`<h1>Day</h1><p>Before</p><svg id="chart-hours"><text>Hours</text></svg><p>After</p>`),
      page('<h1>Day</h1><svg><g><p>Paragraph the HTML parser takes out of the SVG</p></g></svg>'),
      page('<h1>Day</h1><div data-pagefind-ignore><img src="/a.png" alt="A chart"></div>'),
      page('<p>No title of its own</p>', { head: '' }).replace('<footer>', '<footer><title>A late title</title>'),
    ];
    for (const html of kept) await sameIndex(html);
    expect(searchable(kept[0])).toContain('The frame’s title');
    expect(searchable(kept[1])).toContain('data-pagefind-filter');
    expect(searchable(kept[2])).toContain('id="chart-hours"');
  });

  it('reads tags as an HTML parser does: markup inside attribute values, comments, scripts and unquoted values', async () => {
    const hostile = [
      page(`<h1 title="a </main> b">Day</h1><p data-x='<svg>'>Kept text</p>${chart}<p>Tail after the chart</p>`),
      page(`<h1>Day</h1><!-- </main><svg> --><p>After a comment</p><!--><p>After an empty comment</p><!---><p>And another</p>`),
      page(`<h1>Day</h1><svg><svg><text>inner</text></svg><text>outer</text></svg><p>After nested SVG</p>`),
      page(`<h1>Day</h1><a href=/x title=a>b class=c>Unquoted</a><svg><path d=M0,0/></svg><p>After</p>`),
      page(`<h1>Day</h1><SVG viewBox="0 0 1 1"><TEXT>Upper case</TEXT></SVG><P>Upper-case tags</P><Script>var s = "</SCRIPT  ><p>not html</p>";</SCRIPT><p>After script</p>`),
      page(`<h1>Day</h1><textarea></main><p>in a textarea</p></textarea><style>p::before { content: "</main>" }</style><p>After</p>`),
      page(`<h1>Day</h1><div data-pagefind-ignore="all"><h2>Excluded</h2></div><div data-pagefind-ignore="index"><p>Ignored</p></div><p>Kept</p>`),
      page(`<h1>Day</h1><p>An unterminated attribute follows</p><a href="/never-closed>text</a></main>`),
      page(`<h1>Day</h1><p>A body inside a body</p><div data-pagefind-body><p>Inner body</p></div>`),
      `<html lang="en"><body><h1>No body marker</h1>${chart}<nav>Menu</nav><p>Words</p></body></html>`,
      `<p>No html element at all</p>${chart}`,
      page('<h1>Day</h1>').replace('</main>', '<p>A body with no end tag</p>'),
      `<html lang="en"><body><main><noscript><noscript></noscript> read after the first end tag</noscript></main></body></html>`,
      page('<h1>Day</h1><strong><h2>Outside</h2> after the body</strong>').replace('</main><footer>', '<strong><h1>x</h1> text after</strong></main><strong><h1></h1> runbook</strong><footer>'),
      page('<h2 id="h">Head <span data-pagefind-ignore>ignored <em>but an anchor’s</em></span></h2><p>x</p>'),
    ];
    for (const html of hostile) await sameIndex(html);
    expect(searchable(hostile[0])).toContain('Tail after the chart');
    expect(searchable(hostile[0])).not.toContain('Deep work');
    expect(searchable(hostile[4])).toContain('After script');
  });

  it('is the same index on generated pages (fast-check, fixed seed)', async () => {
    const word = fc.constantFrom('runbook', 'latency', 'Patroni', 'cutover', 'deep', 'work', '&lt;svg&gt;', '&amp;', 'a > b', '"quoted"');
    const attribute = fc.oneof(
      fc.constantFrom(' id="L1"', ' id="wins"', ' class="card"', ' title="a </svg> <main data-pagefind-body>"', " data-x='</main>'", ' data-pagefind-ignore', ' data-pagefind-ignore="all"', ' data-pagefind-filter="tag:perf"', ' data-pagefind-meta="mood:good"', ' data-pagefind-weight="3"', ' hidden', ' href=/x', ' data-pagefind-meta="image[src]"', ' data-pagefind-index-attrs="title"', ' title="Deploy"', ' class=tag /'),
    );
    const { node } = fc.letrec<{ node: string }>((tie) => ({
      node: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        word,
        fc.constantFrom('<br>', '<img src="/c.png" alt="chart">', '<!-- </main> <svg> -->', '<input value="</svg>">', '<script>let s = "</div><svg>"</script>', '<style>a::after { content: "</main>" }</style>'),
        fc.tuple(fc.constantFrom('div', 'p', 'span', 'section', 'h1', 'h2', 'h3', 'ul', 'li', 'a', 'strong', 'em', 'code', 'time', 'dt', 'td', 'nav', 'footer', 'form', 'label', 'noscript', 'template', 'svg', 'g', 'text', 'title', 'main', 'math'), fc.array(attribute, { maxLength: 2 }), fc.array(tie('node'), { maxLength: 4 }))
          .map(([name, attributes, children]) => `<${name}${attributes.join('')}>${children.join(' ')}</${name}>`),
      ),
    }));
    const document = fc.tuple(fc.array(node, { maxLength: 3 }), fc.array(node, { maxLength: 6 }), fc.array(node, { maxLength: 2 }), fc.boolean(), fc.boolean())
      .map(([frame, body, after, marked, titled]) => `<!DOCTYPE html><html lang="en"><head>${titled ? '<title>Page</title>' : ''}</head><body>${frame.join('')}<main${marked ? ' data-pagefind-body' : ''}>${body.join('')}</main>${after.join('')}</body></html>`);
    await fc.assert(fc.asyncProperty(document, async (html) => {
      await sameIndex(html);
    }), { seed: Number(process.env.SEED ?? 15), numRuns: Number(process.env.RUNS ?? 150) });
  }, 300_000);

  it('takes linear time on a page of unclosed tags and quotes', () => {
    // Hostile: tags that never end, and a quote that never closes; the scan ends (no timing asserted).
    const html = `<html><body><main data-pagefind-body>${'<a<b '.repeat(200_000)}<p title="${'x'.repeat(100_000)}`;
    expect(searchable(html)).toBe(html);
  });
});
