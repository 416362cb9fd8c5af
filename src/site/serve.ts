/**
 * A small static file server for a built site on 127.0.0.1, for `dev`, screenshots, PDF export and
 * browser tests. Directory URLs serve their index.html; nothing outside the folder is served. `dev`
 * renders pages on request (`page`), and the folder answers what it does not render.
 */
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png', '.wasm': 'application/wasm',
  '.pagefind': 'application/octet-stream', '.pf_meta': 'application/octet-stream', '.pf_index': 'application/octet-stream', '.pf_fragment': 'application/octet-stream',
};

export interface StaticServer {
  /** e.g. "http://127.0.0.1:41234/" */
  url: string;
  /** With live reload: tells every open page to reload. */
  reload(): void;
  close(): Promise<void>;
}

const RELOAD_PATH = '/__turbowork/reload';
const RELOAD_SCRIPT = `<script>new EventSource('${RELOAD_PATH}').onmessage = () => location.reload();</script>`;

const withReload = (html: string) => html.replace('</body>', `${RELOAD_SCRIPT}</body>`);

/** The names this machine answers to by itself, which no other site's page can point at it through DNS. */
const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]'];

/** Options of serveStatic. */
export interface ServeOptions {
  /** 0 picks a free port. */
  port?: number;
  /** Pages get a tiny script that reloads them when reload() is called. */
  liveReload?: boolean;
  /**
   * Host names (without port) answered besides localhost, 127.0.0.1 and [::1], e.g. "journal.lan".
   * Requests naming any other host get 421: a page elsewhere that points its own name at 127.0.0.1
   * (DNS rebinding) cannot read the journal.
   */
  allowedHosts?: readonly string[];
  /** The page of a directory URL's path (e.g. "/days/2026-03-02/"), rendered now; null leaves it to the folder. */
  page?: (pathname: string) => Promise<string | null>;
}

/** Serves `root` on 127.0.0.1. */
export async function serveStatic(root: string, { port = 0, liveReload = false, allowedHosts = [], page }: ServeOptions = {}): Promise<StaticServer> {
  // Resolved once: a build in this process changes the working directory while it runs.
  root = resolve(root);
  const hosts = new Set([...LOOPBACK_HOSTS, ...allowedHosts].map((host) => host.toLowerCase()));
  const clients = new Set<ServerResponse>();
  const server = createServer((request, response) => {
    // Nothing a request does may stop the server: a file removed while it is sent (dev rebuilding)
    // ends that response only.
    handle(request, response).catch(() => {
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('Internal error\n');
      else response.destroy();
    });
  });
  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const host = /^(\[[^\]]*\]|[^:]*)(?::\d+)?$/.exec(request.headers.host ?? '')?.[1].toLowerCase();
    if (!host || !hosts.has(host)) {
      response.writeHead(421, { 'content-type': 'text/plain; charset=utf-8' }).end(`This server answers only for ${[...hosts].join(', ')}\n`);
      return;
    }
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    } catch {
      response.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end('Bad request: the URL is not valid\n');
      return;
    }
    if (liveReload && request.url === RELOAD_PATH) {
      response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      clients.add(response);
      request.on('close', () => clients.delete(response));
      return;
    }
    const path = normalize(pathname).replace(/^(\.\.[/\\])+/, '');
    const rendered = page && path.endsWith('/') ? await page(path) : null;
    if (rendered !== null) {
      response.writeHead(200, { 'content-type': TYPES['.html'], 'cache-control': 'no-cache' });
      response.end(liveReload ? withReload(rendered) : rendered);
      return;
    }
    let file = join(root, path);
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      await stat(file);
    } catch {
      response.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
      createReadStream(join(root, '404.html')).on('error', () => response.end('Not found')).pipe(response);
      return;
    }
    response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache' });
    if (liveReload && file.endsWith('.html')) {
      response.end(withReload(await readFile(file, 'utf8')));
      return;
    }
    createReadStream(file).on('error', () => response.destroy()).pipe(response);
  };
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const { port: actual } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${actual}/`,
    reload: () => clients.forEach((client) => client.write('data: reload\n\n')),
    close: () => {
      clients.forEach((client) => client.end());
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
