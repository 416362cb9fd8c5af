/**
 * The chart kinds of the site, as Vega-Lite specs without data (rows arrive at render time as the
 * data set "rows"). Colours carry status together with shapes and labels, never alone, and the
 * palette reads on light, dark and printed pages.
 */

/** Status colours shared with the site's CSS (--green, --yellow, --red, --muted). */
export const STATUS_COLORS = { green: '#1a7f37', yellow: '#9a6700', red: '#cf222e', no_data: '#8c959f' } as const;
const ACCENT = '#3b6fd4';
const SOFT = '#a9bde8';

const base = {
  $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
  background: 'transparent',
  // Width and height are the plot's; axes, labels and legends are added around it. Fitting the
  // whole chart into a fixed size instead lays it out twice (a third slower), and the page scales
  // every chart to its column anyway.
  autosize: { type: 'pad' },
  config: {
    // The page gives a chart its one accessible name (render.ts); Vega's per-mark descriptions are
    // left out rather than computed for every mark and then removed.
    aria: false,
    font: 'system-ui, -apple-system, "Segoe UI", sans-serif',
    view: { stroke: null },
    axis: { labelColor: '#57606a', titleColor: '#57606a', gridColor: '#d0d7de', domainColor: '#8c959f', tickColor: '#8c959f', labelFontSize: 11, titleFontSize: 11, titleFontWeight: 'normal' },
    legend: { labelColor: '#57606a', titleColor: '#57606a', orient: 'bottom', labelFontSize: 11, titleFontSize: 11 },
  },
} as const;

const statusScale = { domain: Object.keys(STATUS_COLORS), range: Object.values(STATUS_COLORS) };
const statusShapes = { domain: Object.keys(STATUS_COLORS), range: ['circle', 'triangle-up', 'square', 'cross'] };
/** The legend names a status as the pages do (format.ts statusLabel): "no_data" → "No data". */
const statusLegend = { labelExpr: "datum.label == 'no_data' ? 'No data' : upper(slice(datum.label, 0, 1)) + slice(datum.label, 1)" };

/** Rows per kind, documented here because the specs read these fields. */
export const CHART_SPECS = {
  /** Rows: { day: "Mon 03", hours, deep_work, energy } — one per day of a week. */
  'week-hours': {
    ...base,
    width: 485,
    height: 146,
    layer: [
      {
        // Hours and deep work share one axis; deep work is drawn inside the hours bar.
        encoding: { x: { field: 'day', type: 'ordinal', title: null, sort: null, axis: { labelAngle: 0 } } },
        layer: [
          { mark: { type: 'bar', color: SOFT, width: { band: 0.7 } }, encoding: { y: { field: 'hours', type: 'quantitative', title: 'Hours (bars)', scale: { domainMin: 0 } } } },
          { mark: { type: 'bar', color: ACCENT, width: { band: 0.35 } }, encoding: { y: { field: 'deep_work', type: 'quantitative' } } },
        ],
      },
      {
        mark: { type: 'line', color: '#bf5b04', point: { shape: 'diamond', size: 60, filled: true, color: '#bf5b04' } },
        encoding: {
          x: { field: 'day', type: 'ordinal', sort: null },
          y: { field: 'energy', type: 'quantitative', title: 'Energy (diamonds)', scale: { domain: [1, 5] }, axis: { orient: 'right', values: [1, 2, 3, 4, 5], format: 'd' } },
        },
      },
    ],
    resolve: { scale: { y: 'independent' } },
  },
  /** Rows: { week: "2025-W06", composite, status } — a weekly-score trend. */
  'score-trend': {
    ...base,
    width: 500,
    height: 110,
    layer: [
      { mark: { type: 'line', color: '#8c959f', strokeWidth: 1.5 }, encoding: { x: { field: 'week', type: 'ordinal', title: null, sort: null, axis: { labelAngle: -45, labelOverlap: 'greedy' } }, y: { field: 'composite', type: 'quantitative', title: 'Score', scale: { domain: [0, 100] } } } },
      {
        mark: { type: 'point', filled: true, size: 60 },
        encoding: {
          x: { field: 'week', type: 'ordinal', sort: null },
          y: { field: 'composite', type: 'quantitative' },
          color: { field: 'status', type: 'nominal', scale: statusScale, title: 'Status', legend: statusLegend },
          shape: { field: 'status', type: 'nominal', scale: statusShapes, title: 'Status', legend: statusLegend },
        },
      },
    ],
  },
  /** Rows: { date, value, series: "check-in" | "target" | "start" } — one key result's history. */
  'kr-history': {
    ...base,
    width: 380,
    height: 90,
    mark: { type: 'line', point: { filled: true, size: 40 } },
    encoding: {
      x: { field: 'date', type: 'temporal', title: null, axis: { format: '%b %d', labelOverlap: 'greedy' } },
      y: { field: 'value', type: 'quantitative', title: null, scale: { zero: false } },
      // The caption names the three lines (a legend would double a chart's drawing time).
      color: { field: 'series', type: 'nominal', legend: null, scale: { domain: ['check-in', 'target', 'start'], range: [ACCENT, STATUS_COLORS.green, '#8c959f'] } },
      strokeDash: { field: 'series', type: 'nominal', legend: null, scale: { domain: ['check-in', 'target', 'start'], range: [[1, 0], [6, 3], [2, 2]] } },
    },
  },
  /** Rows: { sprint: "2025-S03", velocity } — completed / planned points per sprint. */
  velocity: {
    ...base,
    width: 490,
    height: 100,
    layer: [
      { mark: { type: 'bar', color: ACCENT }, encoding: { x: { field: 'sprint', type: 'ordinal', title: null, sort: null, axis: { labelAngle: -45 } }, y: { field: 'velocity', type: 'quantitative', title: 'Velocity', axis: { format: '.0%' } } } },
      { mark: { type: 'rule', color: '#57606a', strokeDash: [4, 3] }, encoding: { y: { datum: 1 } } },
    ],
  },
  /** Rows: { weekday: "Mon", value, measure: "Deep work (h)" | "Energy (1–5)" } — work patterns by weekday. */
  weekdays: {
    ...base,
    width: 220,
    height: 140,
    mark: { type: 'bar', color: ACCENT },
    encoding: {
      x: { field: 'weekday', type: 'ordinal', title: null, sort: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'], axis: { labelAngle: 0 } },
      y: { field: 'value', type: 'quantitative', title: null },
      column: { field: 'measure', type: 'nominal', title: null },
    },
    resolve: { scale: { y: 'independent' } },
  },
} as const;

export type ChartKind = keyof typeof CHART_SPECS;
