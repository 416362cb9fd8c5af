/**
 * Token estimates and the prompt budget. We do not ship a tokenizer per model: the estimate counts
 * pieces the way BPE tokenizers split text (a word of up to ~4 letters is one token, digits go in
 * groups of three, each ASCII mark is one, other symbols such as emoji two or three) and errs high,
 * so a prompt we accept fits the model's real count. budget.test.ts holds it against OpenAI's o200k
 * tokenizer (gpt-tokenizer) on English, CJK, emoji, code and the sample journal's prompts.
 */

/** Tokens every chat message costs on top of its text (role and separators). */
const PER_MESSAGE = 4;

const LETTER = /\p{L}/u;
const NUMBER = /\p{N}/u;
const SPACE = /\s/u;

/** What a character is to the estimate: 0 other, 1 letter, 2 number, 3 newline, 4 white space. */
function classOf(c: number, text: string, i: number): number {
  if (c < 128) {
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90)) return 1;
    if (c >= 48 && c <= 57) return 2;
    if (c === 10) return 3;
    return c === 32 || (c >= 9 && c <= 13) ? 4 : 0;
  }
  const char = String.fromCodePoint(text.codePointAt(i)!);
  return LETTER.test(char) ? 1 : NUMBER.test(char) ? 2 : SPACE.test(char) ? 4 : 0;
}

/**
 * An estimate of the tokens in `text`, on the high side: runs of ASCII letters (a token per 4) and
 * digits (per 3), a token per character beyond ASCII, runs of newlines and ASCII marks (one each),
 * other symbols two or three.
 * A scan by character classes, since this runs on every line of every prompt.
 */
export function estimateTokens(text: string): number {
  let tokens = 0;
  let i = 0;
  while (i < text.length) {
    const start = i;
    const c = text.codePointAt(i)!;
    const kind = classOf(c, text, i);
    i += c > 0xffff ? 2 : 1;
    // A mark: one token in ASCII; other symbols (emoji, their joiners and modifiers) take up to three bytes' worth.
    if (kind === 0) tokens += c < 128 ? 1 : c > 0xffff ? 3 : 2;
    // Unusual white space (no-break, line separator, ideographic) is a token of its own.
    if (kind === 4 && c >= 128) tokens += 1;
    if (kind === 0 || kind === 4) continue;
    // A run of the same class; newlines count once per run. Characters beyond ASCII count one each
    // (accented Latin, Cyrillic, CJK, other scripts' digits), the rest a token per 4 letters or 3 digits.
    let wide = c >= 128 ? 1 : 0;
    while (i < text.length) {
      const next = text.codePointAt(i)!;
      if (classOf(next, text, i) !== kind) break;
      if (next >= 128) wide += 1;
      i += next > 0xffff ? 2 : 1;
    }
    const units = i - start;
    const narrow = units - wide - (c > 0xffff ? 1 : 0);
    if (kind === 3) tokens += 1;
    // A run with characters beyond ASCII splits once more where the tokenizer cuts it from its neighbours.
    else tokens += wide + (wide > 0 ? 1 : 0) + (c > 0xffff ? 1 : 0) + Math.ceil(narrow / (kind === 2 ? 3 : 4));
  }
  return tokens;
}

/** Estimated prompt tokens of a chat request: its messages plus the JSON schema it must follow. */
export function estimateRequestTokens(messages: readonly { content: string }[], schemaJson: string): number {
  return messages.reduce((sum, m) => sum + PER_MESSAGE + estimateTokens(m.content), 3) + estimateTokens(schemaJson);
}

/** One line of material for the prompt, with how much it matters (higher is kept longer). */
export interface BudgetItem {
  /** The rendered line, as it will appear in the prompt. */
  text: string;
  /** e.g. 100 for a period's figures, 10 for an ordinary win, 1 for a learning. */
  priority: number;
  /** The entry's whole text when `text` is clipped: what the grounding check reads (never sent). */
  evidence?: string;
}

/** A prompt section: a heading and its lines. Sections keep their order; lines keep theirs. */
export interface BudgetSection<T extends BudgetItem = BudgetItem> {
  /** e.g. "Wins"; used in the note about what was left out. */
  title: string;
  items: T[];
}

/** What fitting left in, and what it dropped per section title (empty when nothing was dropped). */
export interface Fitted<T extends BudgetItem> {
  sections: BudgetSection<T>[];
  dropped: Record<string, number>;
  /** The estimated tokens of the kept material. */
  tokens: number;
}

/**
 * Keeps the highest-priority lines that fit in `available` tokens. Lines are dropped lowest priority
 * first and, among equals, latest in the prompt first, so the result does not depend on anything
 * but the input. Section headings are always kept.
 */
export function fitToBudget<T extends BudgetItem>(sections: readonly BudgetSection<T>[], available: number): Fitted<T> {
  const costs = sections.map((s) => s.items.map((item) => estimateTokens(item.text) + 1));
  let total = sections.reduce((sum, s, i) => sum + estimateTokens(s.title) + 2 + costs[i].reduce((a, b) => a + b, 0), 0);
  const order = sections
    .flatMap((s, i) => s.items.map((item, j) => ({ i, j, priority: item.priority })))
    .sort((a, b) => a.priority - b.priority || b.i - a.i || b.j - a.j);
  const droppedKeys = new Set<string>();
  const dropped: Record<string, number> = {};
  for (const candidate of order) {
    if (total <= available) break;
    droppedKeys.add(`${candidate.i}:${candidate.j}`);
    total -= costs[candidate.i][candidate.j];
    const title = sections[candidate.i].title;
    dropped[title] = (dropped[title] ?? 0) + 1;
  }
  return {
    sections: sections.map((s, i) => ({ title: s.title, items: s.items.filter((_, j) => !droppedKeys.has(`${i}:${j}`)) })),
    dropped,
    tokens: total,
  };
}
