// Content collections: every one is served by turbowork's loader from the assembled site data.
import { defineCollection } from 'astro:content';
import { siteLoader } from './site/loader.ts';

const collection = (name: Parameters<typeof siteLoader>[0]) => defineCollection({ loader: siteLoader(name) });

export const collections = {
  site: collection('site'),
  dashboard: collection('dashboard'),
  days: collection('days'),
  weeks: collection('weeks'),
  quarters: collection('quarters'),
  years: collection('years'),
  okrs: collection('okrs'),
  series: collection('series'),
  achievements: collection('achievements'),
  sprints: collection('sprints'),
  patterns: collection('patterns'),
};
