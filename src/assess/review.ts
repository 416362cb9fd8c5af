/**
 * The review of drafts in a pull request: which drafts changed since a base commit (read from git
 * with simple-git), and for each its unverified numbers and uncited bullets, its claims with their
 * citations as links, and the diff of its body against the version a person accepted (the one on the
 * base branch). Rendered as the Markdown body of the weekly pull request.
 */
import { readFileSync } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { join, posix, relative, resolve } from 'node:path';
import { createTwoFilesPatch } from 'diff';
import type { Link, ListItem, Paragraph, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { simpleGit, type SimpleGit } from 'simple-git';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { JournalNotFoundError } from '../files.ts';
import { DRAFT_FOLDERS, readDraft, type DraftMeta } from './store.ts';

/** The review cannot be made as asked: not a git repository, an unknown base. */
export class ReviewError extends Error {}

/** A citation: its link text and where it points (absolute, or relative to the repository's root). */
export interface Citation {
  label: string;
  url: string;
}

/** A bullet or linked paragraph of a draft, as plain text, with the citations that back it. */
export interface ReviewClaim {
  text: string;
  citations: Citation[];
  bullet: boolean;
}

/** One changed draft, ready to render. */
export interface DraftReview {
  /** Path from the repository's root, e.g. "journal/assessments/weeks/2025-W06.md". */
  path: string;
  meta: DraftMeta | null;
  /** The body differs from what was generated: a person edited it. */
  edited: boolean;
  /** For a fresh draft set beside an edited one (PERIOD.new.md): the edited draft's path. */
  besideEdited: string | null;
  claims: ReviewClaim[];
  /** Bytes of the file when it is over READ_LIMIT (no claims or diff read), else null. */
  tooLarge: number | null;
  /** The unified diff of the body against the accepted version; null when none was accepted yet. */
  diff: string | null;
}

export interface Review {
  base: string;
  drafts: DraftReview[];
}

/** A pull-request body must stay under GitHub's 65,536 characters; this leaves room for the frame. */
const BODY_LIMIT = 60_000;
const CLAIMS_SHOWN = 40;
/** Drafts are a few pages; a file larger than this (a person's own) is not parsed or diffed here. */
const READ_LIMIT = 256 * 1024;
const DIFF_LINES = 250;

/**
 * Reads the drafts under `journalDir`/assessments that differ between the merge base of `base` and
 * HEAD and the working tree (committed or not, new files included). `linkBase` prefixes the
 * repository-relative paths of citations, e.g. "https://github.com/o/r/blob/SHA/".
 */
export async function readReview(journalDir: string, options: { base?: string; linkBase?: (git: SimpleGit) => Promise<string> } = {}): Promise<Review> {
  if (!(await stat(journalDir).then((s) => s.isDirectory(), () => false))) throw new JournalNotFoundError(`no journal at ${journalDir}`);
  const git = simpleGit({ baseDir: resolve(journalDir) });
  if (!(await git.checkIsRepo())) throw new ReviewError(`${journalDir} is not in a git repository: review compares drafts with git`);
  const root = (await git.revparse(['--show-toplevel'])).trim();
  const top = simpleGit({ baseDir: root });
  const base = options.base ?? (await defaultBranch(top));
  if (!(await exists(top, `${base}^{commit}`))) throw new ReviewError(`${base} is not a commit, branch or tag here (pass --base REF)`);
  const mergeBase = (await top.raw(['merge-base', base, 'HEAD'])).trim();
  // git gives the root with links resolved (/tmp → /private/tmp on macOS): so is the journal's path.
  const folder = posix.join(relative(root, await realpath(journalDir)).split('\\').join('/'), 'assessments');
  const changed = new Set([
    ...splitZ(await top.raw(['diff', '--name-only', '-z', '--no-renames', mergeBase, '--', folder])),
    ...splitZ(await top.raw(['ls-files', '--others', '--exclude-standard', '-z', '--', folder])),
  ]);
  const linkBase = options.linkBase ? await options.linkBase(top) : '';
  const place = linkPlacer(root, linkBase);
  const kinds = Object.values(DRAFT_FOLDERS);
  const drafts: DraftReview[] = [];
  const paths = [...changed].filter((p) => p.endsWith('.md') && kinds.includes(posix.basename(posix.dirname(p)) as (typeof kinds)[number]));
  for (const path of paths.sort(byKindThenPeriod)) {
    const stored = await readDraft(root, path);
    if (!stored) continue; // removed since the base: nothing to review
    const acceptedPath = path.replace(/\.new\.md$/, '.md');
    const sibling = acceptedPath !== path ? await readDraft(root, acceptedPath) : null;
    const accepted = await show(top, `${base}:${acceptedPath}`);
    const size = Math.max(stored.body.length, accepted?.length ?? 0);
    const readable = size <= READ_LIMIT;
    drafts.push({
      path,
      meta: stored.meta,
      edited: stored.edited,
      besideEdited: sibling ? acceptedPath : null,
      claims: readable ? readClaims(stored.body, path, place) : [],
      tooLarge: readable ? null : size,
      diff: accepted === null ? null : readable ? bodyDiff(acceptedPath, path, accepted, stored.body) : '',
    });
  }
  return { base, drafts };
}

/** origin's HEAD when known, else the first of origin/main, main, origin/master, master that exists. */
async function defaultBranch(git: SimpleGit): Promise<string> {
  try {
    const head = (await git.raw(['symbolic-ref', '--quiet', '--short', 'refs/remotes/origin/HEAD'])).trim();
    if (head) return head;
  } catch {
    // origin/HEAD is not set (a CI checkout); try the usual names.
  }
  for (const name of ['origin/main', 'main', 'origin/master', 'master']) if (await exists(git, `${name}^{commit}`)) return name;
  throw new ReviewError('cannot tell the default branch (no origin/HEAD, main or master): pass --base REF');
}

async function exists(git: SimpleGit, ref: string): Promise<boolean> {
  try {
    return (await git.raw(['rev-parse', '--verify', '--quiet', ref])).trim() !== '';
  } catch {
    return false;
  }
}

/** A file's text at a commit ("REF:path"), or null when it has none. */
async function show(git: SimpleGit, spec: string): Promise<string | null> {
  try {
    return await git.show([spec]);
  } catch {
    return null;
  }
}

function splitZ(output: string): string[] {
  return output.split('\0').filter(Boolean);
}

/** Years, then quarters, weeks and 1:1s; periods in order; a .new.md right after its draft. */
function byKindThenPeriod(a: string, b: string): number {
  const order = ['years', 'quarters', 'weeks', 'one-on-ones'];
  const kind = (p: string) => order.indexOf(posix.basename(posix.dirname(p)));
  return kind(a) - kind(b) || a.localeCompare(b);
}

/** The body of the accepted draft against the proposed one, as a unified diff. */
function bodyDiff(acceptedPath: string, path: string, acceptedText: string, body: string): string {
  const match = /^\uFEFF?---\r?\n[\s\S]*?\r?\n---\r?\n?([\s\S]*)$/.exec(acceptedText);
  const accepted = (match ? match[1].replace(/^\r?\n/, '') : acceptedText).replace(/\r\n/g, '\n');
  const patch = createTwoFilesPatch(`${acceptedPath} (accepted)`, `${path} (proposed)`, accepted, body.replace(/\r\n/g, '\n'), undefined, undefined, { context: 2 });
  // The first line is a file separator of the diff library's; a diff without hunks means no change.
  const lines = patch.split('\n').filter((line, i) => !(i === 0 && line.startsWith('====')));
  return lines.some((line) => line.startsWith('@@')) ? lines.join('\n').trimEnd() : '';
}

/**
 * The claims of a draft's body: every list item, and every paragraph with a link. A list item's
 * citations are its own links, or, when it has none, the links of a "Sources:" paragraph in the same
 * section (the STAR write-ups cite once, under their bullets).
 */
export function readClaims(body: string, draftPath: string, place: LinkPlacer): ReviewClaim[] {
  const tree = unified().use(remarkParse).use(remarkGfm).parse(body);
  const claims: ReviewClaim[] = [];
  let section: { claims: ReviewClaim[]; sources: Citation[] } = { claims: [], sources: [] };
  const close = () => {
    for (const claim of section.claims) if (claim.citations.length === 0) claim.citations = section.sources;
    claims.push(...section.claims);
  };
  const links = (node: RootContent | ListItem) => {
    const found: Citation[] = [];
    // A citation points into the repository; a web address in a note is not one.
    visit(node, 'link', (link: Link) => {
      if (!/^[a-z][a-z0-9+.-]*:|^\/\/|^#/i.test(link.url)) found.push({ label: toString(link, { includeHtml: false }), url: resolveLink(link.url, draftPath, place) });
    });
    return found;
  };
  for (const node of tree.children) {
    if (node.type === 'heading') {
      close();
      section = { claims: [], sources: [] };
    } else if (node.type === 'list') {
      for (const item of node.children) section.claims.push({ text: stripCitationTail(oneLine(toString(item.children[0] ?? item, { includeHtml: false }))), citations: links(item), bullet: true });
    } else if (node.type === 'paragraph') {
      const text = oneLine(toString(node as Paragraph, { includeHtml: false }));
      const cited = links(node);
      if (/^sources?:/i.test(text)) section.sources.push(...cited);
      else if (cited.length > 0) section.claims.push({ text: stripCitationTail(text), citations: cited, bullet: false });
    }
  }
  close();
  return claims;
}

/** Where a link to a file (a path from the repository's root) and a place in it goes. */
type LinkPlacer = (target: string, fragment: string | undefined) => string;

/**
 * Links that land where they point when a reviewer opens them. The anchors drafts cite by ("#L12",
 * "#kr-uptime", "#m-2026-03-05") are the site's: GitHub's rendered Markdown has none of them, but
 * its source view of a file (`?plain=1`) has every line. So a line is linked there, a key result by
 * the line of its `id:` in the objective's front matter, and a meeting (a file of its own) by its
 * file. Without a GitHub link base (paths from the repository's root, read locally) a line stays
 * "#L12", as editors take it.
 */
function linkPlacer(root: string, linkBase: string): LinkPlacer {
  const texts = new Map<string, string[] | null>();
  const lines = (target: string) => {
    if (!texts.has(target)) {
      try {
        texts.set(target, readFileSync(join(root, target), 'utf8').split(/\r?\n/));
      } catch {
        texts.set(target, null);
      }
    }
    return texts.get(target);
  };
  return (target, fragment) => {
    const kr = /^kr-(.+)$/.exec(fragment ?? '')?.[1];
    const krLine = kr ? lines(target)?.findIndex((line) => new RegExp(`^\\s*(?:-\\s+)?id:\\s*["']?${escapeRegExp(kr)}["']?\\s*(?:#.*)?$`).test(line)) : undefined;
    const line = /^L(\d+)$/.exec(fragment ?? '')?.[1] ?? (krLine !== undefined && krLine >= 0 ? String(krLine + 1) : null);
    const url = `${linkBase}${encodeURI(target)}`;
    if (line) return linkBase ? `${url}?plain=1#L${line}` : `${url}#L${line}`;
    // A meeting's anchor, or a key result not found: the file itself.
    if (!fragment || kr || /^m-\d{4}-\d{2}-\d{2}$/.test(fragment)) return url;
    return `${url}#${fragment}`;
  };
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A relative link in a draft (from the draft's folder) as a link from the repository's root, placed. */
function resolveLink(url: string, draftPath: string, place: LinkPlacer): string {
  const [path, fragment] = url.split('#', 2);
  let decoded = path;
  try {
    decoded = decodeURI(path);
  } catch {
    // A malformed escape: keep the link as written.
  }
  return place(posix.normalize(posix.join(posix.dirname(draftPath), decoded)), fragment);
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** "Did X. (2025-02-07, 2025-Q1/reliability)" → "Did X.": the links are listed beside it. */
function stripCitationTail(text: string): string {
  return text.replace(/\s*\([^()]*\)$/, '');
}

/** The pull-request body: per draft, what to check, the claims and the diff; then the checklist. */
export function renderReview(review: Review): string {
  const out: string[] = [];
  if (review.drafts.length === 0) {
    out.push(`No assessment draft changed since \`${review.base}\`.`);
    return `${out.join('\n')}\n`;
  }
  const unverified = review.drafts.reduce((n, d) => n + (d.meta?.unverified_numbers.length ?? 0), 0);
  const uncited = review.drafts.reduce((n, d) => n + d.claims.filter((c) => c.bullet && c.citations.length === 0).length, 0);
  const problems = review.drafts.reduce((n, d) => n + citationProblems(d).length, 0);
  out.push(
    `turbowork refreshed ${count(review.drafts.length, 'assessment draft')} since \`${review.base}\`: ${count(unverified, 'unverified number')}, ${count(uncited, 'uncited bullet')} and ${count(problems, 'citation problem')} to look at.`,
    'Edit the drafts on this branch before merging: your edits are kept by the next weekly run, which starts from this branch, and an edited draft is never overwritten.',
    '',
    '| draft | made by | unverified numbers | uncited bullets | citation problems |',
    '| --- | --- | --- | --- | --- |',
    ...review.drafts.map((d) => `| \`${d.path}\` | ${d.meta ? escapeCell(d.meta.generator) : 'unknown'}${d.edited ? ', edited' : ''} | ${d.meta?.unverified_numbers.length ?? '?'} | ${d.claims.filter((c) => c.bullet && c.citations.length === 0).length} | ${d.meta ? citationProblems(d).length : '?'} |`),
    '',
  );
  let budget = BODY_LIMIT - out.join('\n').length - 2_000;
  for (const draft of review.drafts) {
    const section = renderDraft(draft);
    if (section.length <= budget) {
      out.push(section);
      budget -= section.length;
    } else {
      out.push(`## \`${draft.path}\`\n\nToo long for a pull-request body: read the file and its diff under "Files changed".\n`);
    }
  }
  out.push(
    '## Before you merge',
    '',
    '- [ ] Every unverified number is checked against its source, then corrected, removed or kept on purpose.',
    '- [ ] Every uncited bullet gets a citation, or goes.',
    '- [ ] Every citation problem is settled: a statement its sources do not bear out is corrected or cited right, or goes.',
    '- [ ] A few citations opened: they say what the claims say.',
    '- [ ] Where a fresh draft went beside your edited one (`.new.md`), what you want from it is taken over and the `.new.md` deleted.',
    '- [ ] Nothing in the drafts that should not be read by whoever sees this repository.',
  );
  return `${out.join('\n')}\n`;
}

/** What each kind of citation problem means, for the reviewer. */
const PROBLEMS: Record<DraftMeta['citation_problems'][number]['kind'], (ids: string[]) => string> = {
  uncited: () => 'no citation, even after the model was asked again',
  'unknown-source': (ids) => `cited ${ids.map(code).join(', ')}, which the journal does not have (dropped)`,
  unsupported: (ids) => `its figures are in none of the cited entries (${ids.map(code).join(', ')})`,
};

/** The draft's citation problems, but an uncited statement the "Bullets without a citation" list already names. */
function citationProblems(draft: DraftReview): DraftMeta['citation_problems'] {
  const uncited = new Set(draft.claims.filter((c) => c.bullet && c.citations.length === 0).map((c) => oneLine(c.text)));
  return (draft.meta?.citation_problems ?? []).filter((p) => !(p.kind === 'uncited' && uncited.has(stripCitationTail(oneLine(p.statement)))));
}

function renderDraft(draft: DraftReview): string {
  const out: string[] = [`## \`${draft.path}\``, ''];
  const meta = draft.meta;
  if (draft.besideEdited) {
    out.push(`> A fresh draft went beside your edited one: \`${draft.besideEdited}\` keeps your edits and was not touched. Take what you want from this one into it, then delete this file.`, '');
  } else if (draft.edited) {
    out.push('> Edited by a person (its body differs from what was generated): it is kept as it is by every later run.', '');
  }
  out.push(meta ? `Made by ${escapeCell(meta.generator)} from the journal as of ${meta.generated}.` : 'Its front matter could not be read: it is treated as edited.', '');

  if (draft.tooLarge !== null) {
    out.push(`At ${Math.round(draft.tooLarge / 1024)} KB it is too large to read its claims and diff here: read the file under "Files changed".`, '');
    return out.join('\n');
  }
  out.push('### To check', '');
  const numbers = meta?.unverified_numbers ?? [];
  const uncited = draft.claims.filter((c) => c.bullet && c.citations.length === 0);
  const problems = citationProblems(draft);
  if (numbers.length === 0 && uncited.length === 0 && problems.length === 0) out.push('Every number was found in the journal, every bullet has a citation and every citation holds.');
  const lists: string[][] = [];
  if (numbers.length > 0) lists.push([`Numbers not found in the journal: ${numbers.map(code).join(', ')}`]);
  if (uncited.length > 0) lists.push(['Bullets without a citation:', '', ...uncited.map((c) => `- ${quote(c.text)}`)]);
  if (problems.length > 0) lists.push(['Citations that do not hold (found when the draft was made):', '', ...problems.map((p) => `- ${quote(oneLine(p.statement))} — ${PROBLEMS[p.kind](p.ids)}`)]);
  out.push(...lists.flatMap((list, i) => (i > 0 ? ['', ...list] : list)), '');

  const cited = draft.claims.filter((c) => c.citations.length > 0);
  out.push(`<details><summary>${count(cited.length, 'claim')} with citations</summary>`, '');
  for (const claim of cited.slice(0, CLAIMS_SHOWN)) out.push(`- ${quote(claim.text)} — ${claim.citations.map((c) => `[${escapeLinkText(c.label)}](${c.url.replace(/[()\s]/g, encodeURIComponent)})`).join(', ')}`);
  if (cited.length > CLAIMS_SHOWN) out.push(`- … and ${cited.length - CLAIMS_SHOWN} more in the file`);
  out.push('', '</details>', '');

  if (draft.diff === null) {
    out.push('No version of this draft was accepted yet: it is new.', '');
  } else if (draft.diff === '') {
    out.push('The body is the same as the accepted version (only its front matter changed).', '');
  } else {
    const lines = draft.diff.split('\n');
    const shown = lines.length > DIFF_LINES ? [...lines.slice(0, DIFF_LINES), `… ${lines.length - DIFF_LINES} more lines under "Files changed"`] : lines;
    const fence = '`'.repeat(Math.max(3, ...[...draft.diff.matchAll(/`+/g)].map((m) => m[0].length + 1)));
    out.push('<details open><summary>Changes against the accepted version</summary>', '', `${fence}diff`, ...shown, fence, '', '</details>', '');
  }
  return out.join('\n');
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** Draft text shown in the body: capped, and unable to open HTML or links of its own. */
function quote(text: string): string {
  const capped = text.length > 300 ? `${text.slice(0, 299)}…` : text;
  return capped.replace(/[\\`*_[\]<>|]/g, '\\$&');
}

function code(text: string): string {
  return `\`${text.replace(/`/g, "'")}\``;
}

function escapeCell(text: string): string {
  return text.replace(/[|\\<>`]/g, '\\$&');
}

function escapeLinkText(text: string): string {
  return text.replace(/[\\[\]<>`]/g, '\\$&');
}

/** GitHub's link to a file at this commit, from the Actions environment; "" elsewhere. */
export function githubLinkBase(env: NodeJS.ProcessEnv): ((git: SimpleGit) => Promise<string>) | undefined {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repository } = env;
  if (!server || !repository) return undefined;
  return async (git) => `${server}/${repository}/blob/${(await git.revparse(['HEAD'])).trim()}/`;
}
