import { compareReports, type ComparedFigure } from '../scores/compare.ts';
import { journalAsOf } from '../journal.ts';
import { computeReports } from '../scores/report.ts';
import { UsageError, type Command } from './command.ts';
import { formatFraction, formatNumber, resolveAsOf, resolvePeriod, withJournal } from './report.ts';
import { renderTable } from './output.ts';

export const compare: Command = {
  name: 'compare',
  help: `Usage: turbowork compare PERIOD_A PERIOD_B [--as-of YYYY-MM-DD] [--json]

Puts every figure of two periods' reports side by side with its difference (B − A): days logged,
hours, wins, metrics, weekly statuses and mean scores, objectives, sprints, 1:1s, feedback, action
items, gaps and patterns. Useful before and after a change, e.g. a new meeting schedule.

Each PERIOD is a week 2025-W06, a quarter 2025-Q1, a year 2025 or a range 2025-01-01..2025-03-31;
the two may be of different kinds.

Options:
  --as-of DATE   count only entries dated on or before DATE (default: journal.yml's as_of,
                 else today)
  --json         print {a, b, figures: [{key, label, unit, a, b, difference}]}

Example:
  turbowork compare 2025-Q1 2025-Q2
`,
  options: { 'as-of': { type: 'string' }, json: { type: 'boolean' } },
  async run(values, positionals, { io, journalDir, cacheDir }) {
    if (positionals.length !== 2) throw new UsageError('compare needs two periods, e.g. turbowork compare 2025-Q1 2025-Q2');
    const option = resolveAsOf(values['as-of']);
    return withJournal(journalDir, cacheDir, io, async ({ db, config }) => {
      const asOf = journalAsOf(config, io.now(), option);
      const periods = positionals.map((text) => resolvePeriod(text, config.year_start));
      const [a, b] = await computeReports(db, periods, { asOf });
      const comparison = compareReports(a, b);
      if (values.json) {
        io.stdout.write(JSON.stringify(comparison, null, 2) + '\n');
        return 0;
      }
      const rows = comparison.figures.map((f) => ({ figure: f.label, [a.period.id]: show(f, f.a), [b.period.id]: show(f, f.b), difference: show(f, f.difference, true) }));
      io.stdout.write(renderTable(['figure', a.period.id, b.period.id, 'difference'], rows));
      return 0;
    });
  },
};

/** A figure's value for the table, in its unit; differences carry a sign. */
function show(figure: ComparedFigure, value: number | null, signed = false): string {
  if (value === null) return '—';
  const sign = signed && value > 0 ? '+' : '';
  if (figure.unit === 'fraction') return sign + formatFraction(value);
  const text = Number.isInteger(value) ? String(value) : formatNumber(value, figure.key.startsWith('patterns.meetings_vs') ? 2 : 1);
  return sign + text + (figure.unit === 'h' || figure.unit === 'min' ? ` ${figure.unit}` : '');
}
