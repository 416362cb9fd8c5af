/**
 * What the team site's pages read: the page data `turbowork team build` assembled (src/team/site.ts),
 * handed over once per build by the same channel as the journal site's (src/site/handoff.ts).
 */
import { siteData } from '../../site/handoff.ts';
import type { TeamSite } from '../site.ts';

/** The assembled team site. */
export const teamSite = (): Promise<TeamSite> => siteData() as unknown as Promise<TeamSite>;

/** Labels and units of the team figures, for pages. */
export const METRIC_LABELS = {
  composite: { label: 'Composite score', unit: '', digits: 0 },
  billable_pct: { label: 'Billable', unit: '%', digits: 1 },
  velocity: { label: 'Velocity (points per sprint)', unit: '', digits: 1 },
  response_minutes: { label: 'Incident response (min)', unit: '', digits: 1 },
} as const;
