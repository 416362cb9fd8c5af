/** Display formatting: the only place figures are rounded (they are stored at full precision). */

const numberFormats = new Map<number, Intl.NumberFormat>();
const number = (digits: number) => {
  let format = numberFormats.get(digits);
  if (!format) numberFormats.set(digits, (format = new Intl.NumberFormat('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 })));
  return format;
};

/** "72", "7.5", or "—" for null. */
export function fmt(value: number | null | undefined, digits = 1): string {
  return value === null || value === undefined || !Number.isFinite(value) ? '—' : number(digits).format(value);
}

/** A 0–1 fraction as a percentage: 0.862 → "86%". */
export function pct(value: number | null | undefined, digits = 0): string {
  return value === null || value === undefined ? '—' : `${number(digits).format(value * 100)}%`;
}

/** A signed difference: "+4.2", "−3", "±0". */
export function signed(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined) return '—';
  const rounded = Number(value.toFixed(digits));
  if (rounded === 0) return '±0';
  return rounded > 0 ? `+${fmt(rounded, digits)}` : `−${fmt(-rounded, digits)}`;
}

/** Money in a currency: 250000 USD → "$250K". */
export function money(amount: number | null, currency: string | null): string {
  if (amount === null) return '—';
  return new Intl.NumberFormat('en-US', { style: 'currency', currency: currency ?? 'USD', notation: 'compact', maximumFractionDigits: 1 }).format(amount);
}

/** Minutes as hours: 150 → "2.5 h". */
export function minutesAsHours(minutes: number | null): string {
  return minutes === null ? '—' : `${fmt(minutes / 60)} h`;
}

// Formatters are built once: toLocaleDateString builds one per call, which a 3,000-page build feels.
const LONG_DATE = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const SHORT_DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });

/** "2026-02-07" → "Sat 7 Feb 2026" (dates are local calendar dates: formatted in UTC so no zone shifts them). */
export function longDate(date: string): string {
  return LONG_DATE.format(new Date(`${date}T00:00:00Z`));
}

/** "2026-02-07" → "7 Feb". */
export function shortDate(date: string): string {
  return SHORT_DATE.format(new Date(`${date}T00:00:00Z`));
}

/** A status in words: "on_track" → "On track", "no_data" → "No data". */
export function statusLabel(status: string | null): string {
  if (!status) return 'No data';
  return status.charAt(0).toUpperCase() + status.slice(1).replace(/_/g, ' ');
}

/** "1 highlight", "3 highlights". */
export function plural(count: number, word: string, many = `${word}s`): string {
  return `${count} ${count === 1 ? word : many}`;
}
