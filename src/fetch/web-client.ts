import { type FetchFn, type FetchSettings, type Resolve, createFetcher } from './fetch-url.js';
import { createHostPacer } from './host-pacer.js';
import { createRobots } from './robots.js';

export interface WebClientSettings extends FetchSettings {
  /** Least time between two requests to one host (robots.txt's Crawl-delay can ask for more). */
  hostIntervalMs: number;
}

export interface WebClientDeps {
  resolve?: Resolve;
  addressAllowed?: (ip: string) => boolean;
}

/**
 * The fetcher the product uses: robots.txt honoured for every hop (read with the same
 * safeguards, without the spacing: one small file per site and hour), then the per-host
 * spacing, then the request.
 */
export function createWebClient(settings: WebClientSettings, deps: WebClientDeps = {}): FetchFn {
  const base = { ...(deps.resolve ? { resolve: deps.resolve } : {}), ...(deps.addressAllowed ? { addressAllowed: deps.addressAllowed } : {}) };
  const robots = createRobots({ fetch: createFetcher(settings, base) });
  return createFetcher(settings, { ...base, robots, pacer: createHostPacer(settings.hostIntervalMs) });
}
