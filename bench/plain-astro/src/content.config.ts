import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';

export const collections = {
  days: defineCollection({ loader: glob({ pattern: '**/*.md', base: process.env.BENCH_DAILY_DIR! }) }),
};
