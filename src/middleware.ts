/**
 * Runs as Astro renders each page at build time: hands the page's HTML to the search index, which
 * indexes it in Pagefind's own process while the next pages render.
 */
import { defineMiddleware } from 'astro:middleware';
import { handedOver } from './site/handoff.ts';

export const onRequest = defineMiddleware(async ({ url }, next) => {
  const response = await next();
  const search = handedOver()?.search;
  if (!search || !response.headers.get('content-type')?.startsWith('text/html')) return response;
  const html = await response.text();
  search.add(url.pathname, html);
  return new Response(html, { status: response.status, statusText: response.statusText, headers: response.headers });
});
