import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load-corpus.js';
import { CorpusEmbedder } from '../../src/embed/corpus-embedder.js';
import { SegmentStore } from '../../src/store/segment-store.js';
import { createEngine, silentLogger } from '../../src/index.js';
import { REPO, copyCorpus, tempDir } from '../support/corpus.js';
import { KOREA, oldPortalPage } from '../support/news-pages.js';
import { type WebServer, html, startWebServer } from '../support/web-server.js';

const ENV = { ...process.env, KIEMCHUNG_FETCH_ALLOW_PRIVATE: '1', KIEMCHUNG_FETCH_HOST_INTERVAL_MS: '0', KIEMCHUNG_LOG_LEVEL: 'silent' };
const PAGE = '/vn/tin-tuc/13245/viet-nam-va-han-quoc-ky-ket-hop-tac-ve-do-luong.aspx';
const FILE = 'viet-nam-va-han-quoc-ky-ket-hop-tac-ve-do-luong-20171207.md';

/**
 * Runs `kiemchung add` in a child process. With `killAfterMs`, kills it with SIGKILL that long
 * after the page was requested (the add itself, not the program's start-up, is what is tested).
 * `ms` is the time from the request to the end.
 */
function runAdd(
  web: WebServer,
  url: string,
  corpus: string,
  indexDir: string,
  killAfterMs: number | null,
): Promise<{ code: number | null; killed: boolean; ms: number }> {
  const hitsBefore = web.requests.length;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO, 'src', 'cli', 'main.ts'), 'add', url, '--corpus', corpus, '--index', indexDir], {
      env: ENV,
      stdio: 'ignore',
    });
    let killed = false;
    let requested = 0;
    const poll = setInterval(() => {
      if (requested || web.requests.length === hitsBefore) return;
      requested = Date.now();
      if (killAfterMs !== null) setTimeout(() => (killed = child.kill('SIGKILL')), killAfterMs);
    }, 2);
    child.on('exit', (code) => {
      clearInterval(poll);
      resolve({ code, killed: killed && code === null, ms: requested ? Date.now() - requested : 0 });
    });
  });
}

describe('a crash during kiemchung add', () => {
  let web: WebServer;
  beforeAll(async () => {
    web = await startWebServer();
    web.set(PAGE, html(oldPortalPage(KOREA)));
  });
  afterAll(() => web?.close());

  it('leaves the corpus whole and the index loadable and in step with it, at any moment (6 SIGKILLs)', async () => {
    const corpus = copyCorpus();
    const indexDir = tempDir('kc-crash-add-');
    // The embedder `kiemchung add` uses by default.
    const embedder = new CorpusEmbedder();
    const url = web.url(PAGE);
    // Prepare the index, then time one whole run to spread the kills over it.
    await runAdd(web, url, corpus, indexDir, null);
    fs.rmSync(path.join(corpus, FILE), { force: true });
    const first = await runAdd(web, url, corpus, indexDir, null);
    expect(first.code).toBe(0);
    const span = first.ms;
    const reset = async () => {
      fs.rmSync(path.join(corpus, FILE), { force: true });
      const e = await createEngine({ config: { corpus, indexDir }, env: ENV, logger: silentLogger });
      await e.close();
    };
    await reset();
    const base = (await loadCorpus(corpus)).articles.length;
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed / 2147483648);
    const seen = { before: 0, after: 0, pending: 0 };
    for (let k = 0; k < 6; k++) {
      const killAfter = Math.floor(span * rnd() * 1.1);
      const run = await runAdd(web, url, corpus, indexDir, killAfter);
      // The corpus: every visible file a whole, valid article; a temporary file, if any, hidden.
      const loaded = await loadCorpus(corpus);
      expect(loaded.issues, `kill ${k} after ${killAfter} ms`).toEqual([]);
      const hasFile = loaded.articles.length === base + 1;
      expect(loaded.articles.length === base || hasFile).toBe(true);
      expect(fs.readdirSync(corpus).filter((f) => !f.startsWith('.') && !f.endsWith('.md'))).toEqual([]);
      // The index: loads, and never holds the article while the corpus does not.
      const stored = SegmentStore.open(indexDir, embedder).stats().articles;
      const indexed = stored === base + 1;
      expect(stored === base || indexed).toBe(true);
      if (indexed) expect(hasFile).toBe(true);
      if (!hasFile) seen.before++;
      else if (indexed) seen.after++;
      else seen.pending++;
      // Opening the engine brings the index in step with the corpus (checked after it serves).
      const e = await createEngine({ config: { corpus, indexDir }, env: ENV, logger: silentLogger });
      await e.checked;
      expect(e.stats().articles).toBe(loaded.articles.length);
      await e.close();
      if (run.killed || hasFile) await reset();
    }
    // Afterwards the add completes, once.
    const last = await runAdd(web, url, corpus, indexDir, null);
    expect(last.code).toBe(0);
    const again = await runAdd(web, url, corpus, indexDir, null);
    expect(again.code).toBe(0);
    const final = await loadCorpus(corpus);
    expect(final.articles.filter((a) => a.title === KOREA.title)).toHaveLength(1);
    console.log(`kills: ${seen.before} before the file was written, ${seen.pending} between the file and the index, ${seen.after} after both`);
    expect(seen.before + seen.after + seen.pending).toBe(6);
  }, 240_000);
});
