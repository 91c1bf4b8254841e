import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { SHARED_DATA } from './corpus.js';

/**
 * A news site on 127.0.0.1 for tests: routes by path, each a fixed response or a handler, with
 * the faults real sites have (slow bodies, redirects, errors, wrong content types). Every request
 * is recorded with its headers and arrival time.
 */
export type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

export interface Route {
  status?: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export interface Recorded {
  path: string;
  headers: http.IncomingHttpHeaders;
  at: number;
}

export interface WebServer {
  /** `http://127.0.0.1:PORT` */
  origin: string;
  port: number;
  url(p: string): string;
  set(p: string, route: Route | Handler): void;
  delete(p: string): void;
  requests: Recorded[];
  /** Requests for one path (query included). */
  hits(p: string): Recorded[];
  close(): Promise<void>;
}

export const WEB_DATA = path.join(SHARED_DATA, 'web');
export const hasWebData = fs.existsSync(path.join(WEB_DATA, 'html', 'vnexpress-1.html'));

export function savedPage(name: string): Buffer {
  return fs.readFileSync(path.join(WEB_DATA, 'html', name));
}

export function savedFeed(name: string): Buffer {
  return fs.readFileSync(path.join(WEB_DATA, 'feeds', name));
}

export function html(body: Buffer | string, charset = 'utf-8'): Route {
  return { headers: { 'content-type': `text/html; charset=${charset}` }, body };
}

export function redirect(to: string, status = 301): Route {
  return { status, headers: { location: to } };
}

export async function startWebServer(): Promise<WebServer> {
  const routes = new Map<string, Route | Handler>();
  const requests: Recorded[] = [];
  const sockets = new Set<import('node:net').Socket>();
  const server = http.createServer((req, res) => {
    const p = req.url ?? '/';
    requests.push({ path: p, headers: req.headers, at: performance.now() });
    // Routes may name a host ("vnexpress.net/…") for tests that resolve real names to this server.
    const host = (req.headers.host ?? '').replace(/:\d+$/, '');
    const route = routes.get(`${host}${p}`) ?? routes.get(p) ?? routes.get(p.split('?')[0] as string);
    if (!route) {
      res.writeHead(404, { 'content-type': 'text/html' }).end('<html><body><h1>Not found</h1></body></html>');
      return;
    }
    if (typeof route === 'function') return route(req, res);
    res.writeHead(route.status ?? 200, route.headers ?? {});
    res.end(route.body ?? '');
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    port,
    url: (p) => `${origin}${p}`,
    set: (p, r) => void routes.set(p, r),
    delete: (p) => void routes.delete(p),
    requests,
    hits: (p) => requests.filter((r) => r.path === p),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
