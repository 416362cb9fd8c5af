/**
 * Runs as Astro renders each page at build time: hands the page's HTML to the CLI's process, whose
 * search index has Pagefind index it in its own process while the next pages render.
 */
import { defineMiddleware } from 'astro:middleware';
import { indexPage } from './site/handoff.ts';

export const onRequest = defineMiddleware(async ({ url }, next) => {
  const response = await next();
  if (!response.headers.get('content-type')?.startsWith('text/html')) return response;
  const html = await response.text();
  indexPage(url.pathname, html);
  return new Response(html, { status: response.status, statusText: response.statusText, headers: response.headers });
});
