// Content collections: every one is served by turbowork's live loader from the assembled site data.
import { defineLiveCollection } from 'astro:content';
import { siteLoader } from './site/loader.ts';

export const collections = {
  site: defineLiveCollection({ loader: siteLoader('site') }),
  dashboard: defineLiveCollection({ loader: siteLoader('dashboard') }),
  days: defineLiveCollection({ loader: siteLoader('days') }),
  weeks: defineLiveCollection({ loader: siteLoader('weeks') }),
  quarters: defineLiveCollection({ loader: siteLoader('quarters') }),
  years: defineLiveCollection({ loader: siteLoader('years') }),
  okrs: defineLiveCollection({ loader: siteLoader('okrs') }),
  series: defineLiveCollection({ loader: siteLoader('series') }),
  achievements: defineLiveCollection({ loader: siteLoader('achievements') }),
  sprints: defineLiveCollection({ loader: siteLoader('sprints') }),
  patterns: defineLiveCollection({ loader: siteLoader('patterns') }),
};
