import zlib from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FetchError } from '../../src/errors.js';
import { addressKind, embeddedIpv4 } from '../../src/fetch/addresses.js';
import { type FetchSettings, createFetcher } from '../../src/fetch/fetch-url.js';
import { createWebClient } from '../../src/fetch/web-client.js';
import { type WebServer, html, redirect, startWebServer } from '../support/web-server.js';

const SETTINGS: FetchSettings = {
  userAgent: 'kiemchung/0.1.0 (+test)',
  timeoutMs: 1500,
  maxBytes: 200_000,
  maxRedirects: 3,
  allowPrivate: true,
};

const PAGE = '<!doctype html><html lang="vi"><head><title>Tin</title></head><body><p>Hội nghị đo lường.</p></body></html>';

/** Text as windows-1258 bytes: letters it has whole as one byte, the others as a letter and a combining tone mark. */
function cp1258(text: string): Buffer {
  const decoder = new TextDecoder('windows-1258');
  const table = new Map<string, number>();
  for (let b = 0x80; b <= 0xff; b++) table.set(decoder.decode(Uint8Array.of(b)), b);
  const bytes: number[] = [];
  const put = (c: string) => {
    if (c.charCodeAt(0) < 0x80) return void bytes.push(c.charCodeAt(0));
    const b = table.get(c);
    if (b !== undefined) return void bytes.push(b);
    const parts = [...c.normalize('NFD')];
    const tone = parts.findIndex((x) => /[\u0300\u0301\u0303\u0309\u0323]/u.test(x));
    if (tone < 1) throw new Error(`no windows-1258 byte for ${c}`);
    put(
      parts
        .filter((_, i) => i !== tone)
        .join('')
        .normalize('NFC'),
    );
    put(parts[tone] as string);
  };
  for (const c of text.normalize('NFC')) put(c);
  return Buffer.from(bytes);
}

async function failure(p: Promise<unknown>): Promise<FetchError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(FetchError);
    return err as FetchError;
  }
  throw new Error('expected a FetchError');
}

let web: WebServer;
beforeAll(async () => {
  web = await startWebServer();
});
afterAll(() => web.close());
beforeEach(() => {
  web.requests.length = 0;
});

describe('the fetcher', () => {
  it('fetches a page with a User-Agent naming the product and decodes UTF-8', async () => {
    web.set('/a.htm', html(PAGE));
    const f = createFetcher(SETTINGS);
    const r = await f({ url: web.url('/a.htm'), expect: 'html' });
    expect(r.text).toContain('Hội nghị đo lường.');
    expect(r.sniffed).toBe('html');
    expect(r.url).toBe(web.url('/a.htm'));
    expect(web.hits('/a.htm')[0]?.headers['user-agent']).toMatch(/^kiemchung\//);
  });

  it('inflates gzip, deflate and brotli bodies', async () => {
    web.set('/gz', { headers: { 'content-type': 'text/html', 'content-encoding': 'gzip' }, body: zlib.gzipSync(PAGE) });
    web.set('/br', { headers: { 'content-type': 'text/html', 'content-encoding': 'br' }, body: zlib.brotliCompressSync(PAGE) });
    web.set('/df', { headers: { 'content-type': 'text/html', 'content-encoding': 'deflate' }, body: zlib.deflateSync(PAGE) });
    const f = createFetcher(SETTINGS);
    for (const p of ['/gz', '/br', '/df']) expect((await f({ url: web.url(p), expect: 'html' })).text).toContain('đo lường');
  });

  it('follows redirects, relative ones too, and lists them', async () => {
    web.set('/old', redirect('/mid', 301));
    web.set('/mid', redirect(web.url('/new.htm'), 302));
    web.set('/new.htm', html(PAGE));
    const r = await createFetcher(SETTINGS)({ url: web.url('/old'), expect: 'html' });
    expect(r.url).toBe(web.url('/new.htm'));
    expect(r.redirects).toEqual([web.url('/mid'), web.url('/new.htm')]);
  });

  it('stops after the redirect limit and on a redirect loop, naming the URL', async () => {
    for (let i = 0; i < 6; i++) web.set(`/r${i}`, redirect(`/r${i + 1}`));
    const e = await failure(createFetcher(SETTINGS)({ url: web.url('/r0'), expect: 'html' }));
    expect(e.reason).toBe('too-many-redirects');
    expect(e.message).toContain(web.url('/r0'));
    expect(e.message).toMatch(/more than 3 redirects/);
    web.set('/loop-a', redirect('/loop-b'));
    web.set('/loop-b', redirect('/loop-a'));
    const loop = await failure(createFetcher(SETTINGS)({ url: web.url('/loop-a'), expect: 'html' }));
    expect(loop.message).toMatch(/redirect loop/);
  });

  it('reports 404, 410, 403 and 500 with the URL and the status', async () => {
    web.set('/gone', { status: 410 });
    web.set('/deny', { status: 403 });
    web.set('/boom', { status: 500, headers: { 'content-type': 'text/html' }, body: 'Internal error' });
    const f = createFetcher(SETTINGS);
    const nf = await failure(f({ url: web.url('/missing'), expect: 'html' }));
    expect([nf.reason, nf.status]).toEqual(['status', 404]);
    expect(nf.message).toBe(`${web.url('/missing')}: not found (HTTP 404)`);
    expect((await failure(f({ url: web.url('/gone'), expect: 'html' }))).message).toMatch(/gone \(HTTP 410\)/);
    expect((await failure(f({ url: web.url('/deny'), expect: 'html' }))).message).toMatch(/access denied \(HTTP 403\)/);
    const boom = await failure(f({ url: web.url('/boom'), expect: 'html' }));
    expect(boom.status).toBe(500);
    expect(boom.message).toMatch(/site failed \(HTTP 500\)/);
  });

  it('passes Retry-After of a 429 or 503 on for back-off', async () => {
    web.set('/busy', { status: 503, headers: { 'retry-after': '120' } });
    const e = await failure(createFetcher(SETTINGS)({ url: web.url('/busy'), expect: 'feed' }));
    expect(e.retryAfterMs).toBe(120_000);
  });

  it('gives up on a response that does not finish within the time-out', async () => {
    web.set('/slow-headers', () => undefined);
    web.set('/slow-body', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.write('<html><body><p>first part');
      // ...and the rest never comes.
    });
    const f = createFetcher({ ...SETTINGS, timeoutMs: 400 });
    for (const p of ['/slow-headers', '/slow-body']) {
      const e = await failure(f({ url: web.url(p), expect: 'html' }));
      expect(e.reason).toBe('timeout');
      expect(e.message).toContain(web.url(p));
      expect(e.message).toMatch(/no complete response within 0\.4 s/);
    }
  });

  it('does not count against the time-out the time this process was busy with other work', async () => {
    web.set('/prompt.htm', html(PAGE));
    const f = createFetcher({ ...SETTINGS, timeoutMs: 2000 });
    const pending = f({ url: web.url('/prompt.htm'), expect: 'html' });
    // Another page's extraction holds the event loop for longer than the whole time-out.
    const until = performance.now() + 2500;
    while (performance.now() < until) {
      /* busy */
    }
    expect((await pending).text).toContain('Hội nghị đo lường.');
  });

  it('refuses bodies over the size cap: declared, streamed, or unpacked from gzip', async () => {
    const big = `<html><body>${'x'.repeat(300_000)}</body></html>`;
    web.set('/declared', html(big));
    web.set('/chunked', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      for (let i = 0; i < 30; i++) res.write('y'.repeat(10_000));
      res.end();
    });
    web.set('/bomb', { headers: { 'content-type': 'text/html', 'content-encoding': 'gzip' }, body: zlib.gzipSync(Buffer.alloc(5_000_000, 32)) });
    web.set('/bomb.xml.gz', { headers: { 'content-type': 'application/x-gzip' }, body: zlib.gzipSync(Buffer.alloc(5_000_000, 32)) });
    const f = createFetcher(SETTINGS);
    for (const p of ['/declared', '/chunked', '/bomb']) {
      const e = await failure(f({ url: web.url(p), expect: 'html' }));
      expect(e.reason, p).toBe('too-large');
      expect(e.message).toMatch(/200000 bytes/);
    }
    expect((await failure(f({ url: web.url('/bomb.xml.gz'), expect: 'feed' }))).reason).toBe('too-large');
  });

  it('refuses content that is not what was asked for, and sniffs untyped pages', async () => {
    web.set('/photo.htm', { headers: { 'content-type': 'image/jpeg' }, body: Buffer.from([0xff, 0xd8, 0xff]) });
    web.set('/feed.rss', { headers: { 'content-type': 'application/rss+xml' }, body: '<rss><channel></channel></rss>' });
    web.set('/plain', { headers: { 'content-type': 'text/plain' }, body: PAGE });
    web.set('/untyped', { body: PAGE });
    const f = createFetcher(SETTINGS);
    const photo = await failure(f({ url: web.url('/photo.htm'), expect: 'html' }));
    expect(photo.reason).toBe('content-type');
    expect(photo.message).toMatch(/expected a web page \(text\/html\) but the site sent image\/jpeg/);
    expect((await failure(f({ url: web.url('/feed.rss'), expect: 'html' }))).message).toMatch(/kiemchung feed add/);
    expect((await f({ url: web.url('/plain'), expect: 'html' })).sniffed).toBe('html');
    expect((await f({ url: web.url('/untyped'), expect: 'html' })).sniffed).toBe('html');
    expect((await f({ url: web.url('/feed.rss'), expect: 'feed' })).sniffed).toBe('xml');
  });

  it('decodes legacy encodings: windows-1258 by header, Latin-1 without any declaration, UTF-8 mislabelled as gb2312', async () => {
    // "Hội nghị" in windows-1258: base letters plus combining tone marks.
    const vi = Buffer.concat([
      Buffer.from('<html><body><p>H'),
      Buffer.from([0xf4, 0xf2]),
      Buffer.from('i nghi'),
      Buffer.from([0xf2]),
      Buffer.from('</p></body></html>'),
    ]);
    web.set('/cp1258', { headers: { 'content-type': 'text/html; charset=windows-1258' }, body: vi });
    web.set('/latin1.xml', {
      headers: { 'content-type': 'application/xml' },
      body: Buffer.from('<rss><channel><title>Notícias de São Paulo</title></channel></rss>', 'latin1'),
    });
    web.set('/mislabelled', {
      headers: { 'content-type': 'text/html' },
      body: '<html><head><meta charset="gb2312"></head><body>新电脑 Hội nghị</body></html>',
    });
    const f = createFetcher(SETTINGS);
    const a = await f({ url: web.url('/cp1258'), expect: 'html' });
    expect(a.encoding).toBe('windows-1258');
    expect(a.text).toContain('Hội nghị');
    expect(a.text).toBe(a.text.normalize('NFC'));
    const b = await f({ url: web.url('/latin1.xml'), expect: 'feed' });
    expect(b.text).toContain('Notícias de São Paulo');
    expect(b.text).not.toContain('\uFFFD');
    expect((await f({ url: web.url('/mislabelled'), expect: 'html' })).text).toContain('新电脑 Hội nghị');
  });

  it('reads Vietnamese windows-1258 bytes that declare UTF-8 wrongly, or nothing, as windows-1258', async () => {
    const text =
      'Thúc đẩy hợp tác khoa học và công nghệ Việt Nam - Hàn Quốc. Ngày 17/6/2025, tại Hà Nội, Thứ trưởng đã tiếp đoàn công tác của Bộ Khoa học Hàn Quốc; hai bên thống nhất kế hoạch hợp tác giai đoạn mới.';
    const page = (head: string) => cp1258(`<!DOCTYPE html><html lang="vi"><head>${head}<title>Tin</title></head><body><p>${text}</p></body></html>`);
    web.set('/wrong.htm', { headers: { 'content-type': 'text/html' }, body: page('<meta charset="utf-8">') });
    web.set('/wrong-header.htm', { headers: { 'content-type': 'text/html; charset=utf-8' }, body: page('') });
    web.set('/undeclared.htm', { headers: { 'content-type': 'text/html' }, body: page('') });
    // Latin-1 with an Italian "però" and "così" stays windows-1252.
    web.set('/italian.htm', {
      headers: { 'content-type': 'text/html' },
      body: Buffer.from('<html><body><p>Però la città è così bella, e il caffè più buono. Perché no?</p></body></html>', 'latin1'),
    });
    const f = createFetcher(SETTINGS);
    for (const p of ['/wrong.htm', '/wrong-header.htm', '/undeclared.htm']) {
      const r = await f({ url: web.url(p), expect: 'html' });
      expect(r.encoding, p).toBe('windows-1258');
      expect(r.text, p).toContain(text);
    }
    const it = await f({ url: web.url('/italian.htm'), expect: 'html' });
    expect(it.encoding).toBe('windows-1252');
    expect(it.text).toContain('Però la città è così bella');
  });

  it('sends the validators it was given and reports 304 as not modified', async () => {
    web.set('/feed.xml', (req, res) => {
      if (req.headers['if-none-match'] === '"v1"') return void res.writeHead(304).end();
      res
        .writeHead(200, { 'content-type': 'application/rss+xml', etag: '"v1"', 'last-modified': 'Wed, 01 May 2024 10:00:00 GMT' })
        .end('<rss><channel/></rss>');
    });
    const f = createFetcher(SETTINGS);
    const first = await f({ url: web.url('/feed.xml'), expect: 'feed' });
    expect([first.etag, first.lastModified, first.notModified]).toEqual(['"v1"', 'Wed, 01 May 2024 10:00:00 GMT', false]);
    const again = await f({ url: web.url('/feed.xml'), expect: 'feed', etag: '"v1"' });
    expect(again.notModified).toBe(true);
    expect(again.text).toBe('');
  });

  it('refuses other schemes and URLs with credentials without any request', async () => {
    const f = createFetcher(SETTINGS);
    for (const u of ['file:///etc/passwd', 'ftp://example.org/a', 'javascript:alert(1)', 'data:text/html,hi']) {
      const e = await failure(f({ url: u, expect: 'html' }));
      expect(e.reason, u).toBe('scheme');
    }
    expect((await failure(f({ url: 'not a url', expect: 'html' }))).reason).toBe('url');
    expect((await failure(f({ url: `http://user:pw@127.0.0.1:${web.port}/a.htm`, expect: 'html' }))).message).toMatch(/user name or password/);
    expect(web.requests).toHaveLength(0);
  });

  it('sends a request again on a new connection when a kept-alive one was closed by the site', async () => {
    const seen = new WeakMap<object, number>();
    web.set('/keep', (req, res) => {
      const n = (seen.get(req.socket) ?? 0) + 1;
      seen.set(req.socket, n);
      // The site drops an idle connection just as the next request arrives on it.
      if (n > 1) return void req.socket.destroy();
      res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
    });
    const f = createFetcher(SETTINGS);
    expect((await f({ url: web.url('/keep'), expect: 'html' })).status).toBe(200);
    expect((await f({ url: web.url('/keep'), expect: 'html' })).status).toBe(200);
    expect(web.hits('/keep')).toHaveLength(3);
  });

  it('reports a refused connection and a connection cut mid-body', async () => {
    const f = createFetcher(SETTINGS);
    const closed = await failure(f({ url: 'http://127.0.0.1:1/', expect: 'html' }));
    expect(closed.reason).toBe('network');
    expect(closed.message).toMatch(/connection refused/);
    web.set('/cut', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html', 'content-length': '5000' });
      res.write('<html><body>partial');
      setTimeout(() => res.socket?.destroy(), 20);
    });
    const cut = await failure(f({ url: web.url('/cut'), expect: 'html' }));
    expect(cut.reason).toBe('network');
  });
});

describe('loopback, private and link-local addresses', () => {
  const strict = { ...SETTINGS, allowPrivate: false };

  it('are refused by literal address, by name and after a redirect, before any request', async () => {
    web.set('/a.htm', html(PAGE));
    const f = createFetcher(strict);
    const lit = await failure(f({ url: web.url('/a.htm'), expect: 'html' }));
    expect(lit.reason).toBe('private-address');
    expect(lit.message).toContain('127.0.0.1 is a loopback address');
    expect(lit.message).toContain('KIEMCHUNG_FETCH_ALLOW_PRIVATE=1');
    const byName = await failure(f({ url: `http://localhost:${web.port}/a.htm`, expect: 'html' }));
    expect(byName.message).toMatch(/localhost resolves to (127\.0\.0\.1|::1), a loopback address/);
    for (const u of [
      'http://[::1]/',
      'http://169.254.169.254/latest/meta-data/',
      'http://10.1.2.3/',
      'http://192.168.1.1/',
      'http://[::ffff:127.0.0.1]/',
      'http://0.0.0.0/',
    ]) {
      expect((await failure(f({ url: u, expect: 'html' }))).reason, u).toBe('private-address');
    }
    expect(web.requests).toHaveLength(0);

    // The test site counts as public here; its redirect to a private address does not.
    const onlyTestSite = createFetcher(strict, { addressAllowed: (ip) => ip === '127.0.0.1' });
    web.set('/to-metadata', redirect('http://169.254.169.254/latest/meta-data/'));
    web.set('/to-name', redirect(`http://intranet.example:${web.port}/a.htm`));
    const hop = await failure(onlyTestSite({ url: web.url('/to-metadata'), expect: 'html' }));
    expect(hop.reason).toBe('private-address');
    expect(hop.message).toContain('169.254.169.254 is a link-local address');
    const resolving = createFetcher(strict, {
      addressAllowed: (ip) => ip === '127.0.0.1',
      resolve: async (h) => (h === 'intranet.example' ? [{ address: '10.0.0.7', family: 4 }] : [{ address: '127.0.0.1', family: 4 }]),
    });
    const named = await failure(resolving({ url: web.url('/to-name'), expect: 'html' }));
    expect(named.message).toContain('intranet.example resolves to 10.0.0.7, a private address');
  });

  it('are refused when a name resolves to a public and a private address at once', async () => {
    const f = createFetcher(strict, {
      resolve: async () => [
        { address: '93.184.216.34', family: 4 },
        { address: '127.0.0.1', family: 4 },
      ],
    });
    const e = await failure(f({ url: 'http://rebind.example/', expect: 'html' }));
    expect(e.message).toContain('rebind.example resolves to 127.0.0.1');
  });

  it('are classified, IPv4 inside IPv6 included', () => {
    expect(addressKind('8.8.8.8')).toBe('public');
    expect(addressKind('2001:4860:4860::8888')).toBe('public');
    expect(addressKind('127.3.4.5')).toBe('loopback');
    expect(addressKind('::1')).toBe('loopback');
    expect(addressKind('172.31.255.255')).toBe('private');
    expect(addressKind('172.32.0.1')).toBe('public');
    expect(addressKind('100.100.1.1')).toBe('private');
    expect(addressKind('fd12:3456::1')).toBe('private');
    expect(addressKind('fe80::1%eth0')).toBe('link-local');
    expect(addressKind('224.0.0.1')).toBe('reserved');
    expect(embeddedIpv4('::ffff:7f00:1')).toBe('127.0.0.1');
    expect(addressKind('::ffff:7f00:1')).toBe('loopback');
    expect(addressKind('64:ff9b::a00:1')).toBe('private');
    expect(addressKind('2002:c0a8:0101::1')).toBe('private');
    expect(addressKind('not-an-ip')).toBe('reserved');
  });
});

describe('robots.txt and the per-host pace', () => {
  const client = (extra: Partial<FetchSettings & { hostIntervalMs: number }> = {}) => createWebClient({ ...SETTINGS, hostIntervalMs: 0, ...extra });

  it('honours Disallow for kiemchung and lets other pages through', async () => {
    web.set('/robots.txt', {
      headers: { 'content-type': 'text/plain' },
      body: 'User-agent: *\nDisallow: /private/\n\nUser-agent: kiemchung\nDisallow: /no-bots/\n',
    });
    web.set('/no-bots/a.htm', html(PAGE));
    web.set('/ok.htm', html(PAGE));
    const f = client();
    const e = await failure(f({ url: web.url('/no-bots/a.htm'), expect: 'html' }));
    expect(e.reason).toBe('robots');
    expect(e.message).toBe(`${web.url('/no-bots/a.htm')}: robots.txt of ${web.origin} does not allow kiemchung to fetch this page`);
    expect(web.hits('/no-bots/a.htm')).toHaveLength(0);
    expect((await f({ url: web.url('/ok.htm'), expect: 'html' })).text).toContain('đo lường');
    expect(web.hits('/robots.txt')).toHaveLength(1);
    web.delete('/robots.txt');
  });

  it('checks every redirect hop against robots.txt', async () => {
    web.set('/robots.txt', { headers: { 'content-type': 'text/plain' }, body: 'User-agent: *\nDisallow: /private/\n' });
    web.set('/go', redirect('/private/x.htm'));
    const e = await failure(client()({ url: web.url('/go'), expect: 'html' }));
    expect(e.reason).toBe('robots');
    expect(e.url).toBe(web.url('/private/x.htm'));
    web.delete('/robots.txt');
  });

  it('treats a missing robots.txt as allowing everything and a failing one as allowing nothing', async () => {
    web.set('/ok.htm', html(PAGE));
    expect((await client()({ url: web.url('/ok.htm'), expect: 'html' })).status).toBe(200);
    web.set('/robots.txt', { status: 500 });
    const e = await failure(client()({ url: web.url('/ok.htm'), expect: 'html' }));
    expect(e.reason).toBe('robots');
    expect(e.message).toMatch(/robots\.txt of .* cannot be read .*HTTP 500/);
    web.delete('/robots.txt');
  });

  it('reads robots.txt once for requests waiting together; one cancelled request does not fail the others', async () => {
    web.set('/robots.txt', (_req, res) => {
      setTimeout(() => res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nDisallow: /private/\n'), 150);
    });
    web.set('/q1', html(PAGE));
    web.set('/q2', html(PAGE));
    const f = client();
    const cancel = new AbortController();
    const first = f({ url: web.url('/q1'), expect: 'html', signal: cancel.signal });
    const second = f({ url: web.url('/q2'), expect: 'html' });
    setTimeout(() => cancel.abort(), 20);
    expect((await failure(first)).reason).toBe('aborted');
    expect((await second).text).toContain('đo lường');
    expect(web.hits('/robots.txt')).toHaveLength(1);
    web.delete('/robots.txt');
  });

  it('spaces requests to one host by the configured interval, or by a longer Crawl-delay', async () => {
    web.set('/p1', html(PAGE));
    web.set('/p2', html(PAGE));
    web.set('/p3', html(PAGE));
    // Arrival times are taken by the server, in this same process: a busy machine can delay one
    // arrival by some milliseconds and not the next, so the bounds leave room for that.
    const f = client({ hostIntervalMs: 300 });
    await Promise.all(['/p1', '/p2', '/p3'].map((p) => f({ url: web.url(p), expect: 'html' })));
    const times = ['/p1', '/p2', '/p3'].map((p) => web.hits(p)[0]?.at as number).sort((a, b) => a - b);
    expect((times[1] as number) - (times[0] as number)).toBeGreaterThanOrEqual(250);
    expect((times[2] as number) - (times[1] as number)).toBeGreaterThanOrEqual(250);

    web.requests.length = 0;
    web.set('/robots.txt', { headers: { 'content-type': 'text/plain' }, body: 'User-agent: *\nCrawl-delay: 0.4\n' });
    const g = client({ hostIntervalMs: 10 });
    await g({ url: web.url('/p1'), expect: 'html' });
    await g({ url: web.url('/p2'), expect: 'html' });
    const gap = (web.hits('/p2')[0]?.at as number) - (web.hits('/p1')[0]?.at as number);
    expect(gap).toBeGreaterThanOrEqual(350);
    web.delete('/robots.txt');
  });
});
