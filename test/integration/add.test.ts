import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load-corpus.js';
import { type Engine, createEngine, silentLogger } from '../../src/index.js';
import { runCli } from '../../src/cli/main.js';
import { copyCorpus, tempDir } from '../support/corpus.js';
import { FINLAND, KOREA, listingPage, newPortalPage, oldPortalPage, seriesPage } from '../support/news-pages.js';
import { type WebServer, hasWebData, html, redirect, savedPage, startWebServer } from '../support/web-server.js';

const ENV = { KIEMCHUNG_FETCH_ALLOW_PRIVATE: '1', KIEMCHUNG_FETCH_HOST_INTERVAL_MS: '0', KIEMCHUNG_FETCH_TIMEOUT_MS: '3000', KIEMCHUNG_LOG_LEVEL: 'silent' };

let web: WebServer;
let corpus: string;
let indexDir: string;
let engine: Engine;

const mdFiles = (dir: string) =>
  fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .sort();
const visible = (dir: string) =>
  fs
    .readdirSync(dir)
    .filter((f) => !f.startsWith('.'))
    .sort();

beforeAll(async () => {
  web = await startWebServer();
  corpus = copyCorpus();
  indexDir = tempDir('kc-add-index-');
  engine = await createEngine({ config: { corpus, indexDir }, env: ENV, logger: silentLogger });
});

afterAll(async () => {
  await engine?.close();
  await web?.close();
});

describe('engine.add', () => {
  it('stores a page as a corpus file, indexes it, and answers from it', async () => {
    web.set('/vn/tin-tuc/13245/viet-nam-va-han-quoc-ky-ket-hop-tac-ve-do-luong.aspx', html(oldPortalPage(KOREA)));
    const url = web.url('/vn/tin-tuc/13245/viet-nam-va-han-quoc-ky-ket-hop-tac-ve-do-luong.aspx');
    const before = engine.stats().articles;
    const report = await engine.add([url]);
    const r = report.results[0];
    expect(r?.status, r?.reason).toBe('added');
    const a = r?.article;
    expect(a).toMatchObject({
      title: KOREA.title,
      date: '2017-12-07',
      time: '09:15',
      dateKind: 'published',
      paragraphCount: 4,
      source: 'Tổng cục Tiêu chuẩn Đo lường Chất lượng',
    });
    expect(a?.firstParagraph).toBe(KOREA.lead);
    expect(a?.articleId).toMatch(/^viet-nam-va-han-quoc-ky-ket-hop-tac-ve-do-luong-20171207$/);
    expect(report.index?.added).toBe(1);
    expect(engine.stats().articles).toBe(before + 1);

    // An ordinary corpus file an editor can read: front matter, paragraphs, the caption marked.
    const text = fs.readFileSync(a?.file as string, 'utf8');
    expect(text).toMatch(/^---\nid: viet-nam-va-han-quoc/);
    expect(text).toContain(`url: ${url}`);
    expect(text).toContain('> [!caption] Quang cảnh lễ ký kết biên bản ghi nhớ');
    expect(text).not.toContain('Nguồn:');
    const loaded = await loadCorpus(corpus);
    expect(loaded.issues).toEqual([]);

    const answer = await engine.ask('Việt Nam và Hàn Quốc sẽ họp rà soát kết quả hợp tác đo lường bao lâu một lần?');
    expect(answer.refused).toBe(false);
    expect(answer.citations[0]?.articleId).toBe(a?.articleId);
    expect((await engine.source(`${a?.articleId}#p1`))?.text).toBe(KOREA.lead);
  });

  it('never stores the same page twice: again, through a redirect, with tracking parameters', async () => {
    const url = web.url('/vn/tin-tuc/13245/viet-nam-va-han-quoc-ky-ket-hop-tac-ve-do-luong.aspx');
    web.set('/r/korea', redirect('/vn/tin-tuc/13245/viet-nam-va-han-quoc-ky-ket-hop-tac-ve-do-luong.aspx', 302));
    const files = mdFiles(corpus);
    const report = await engine.add([url, web.url('/r/korea'), `${url}?utm_source=zalo&utm_medium=social`]);
    expect(report.results.map((r) => r.status)).toEqual(['unchanged', 'unchanged', 'unchanged']);
    const ids = new Set(report.results.map((r) => r.article?.articleId));
    expect(ids.size).toBe(1);
    expect(report.index).toBeUndefined();
    expect(mdFiles(corpus)).toEqual(files);
  });

  it('follows the canonical link: two addresses of one article are one article', async () => {
    const canonical = web.url('/thuc-day-hop-tac-doi-moi-sang-tao-viet-nam-phan-lan-197250616201306032.htm');
    const page = newPortalPage({ ...FINLAND, canonical }, '2025-06-16T20:13:00+07:00');
    web.set('/thuc-day-hop-tac-doi-moi-sang-tao-viet-nam-phan-lan-197250616201306032.htm', html(page));
    web.set('/tin-tuc-su-kien/phan-lan.htm', html(page));
    const first = await engine.add([web.url('/tin-tuc-su-kien/phan-lan.htm')]);
    expect(first.results[0]?.status).toBe('added');
    expect(first.results[0]?.article?.url).toBe(canonical);
    expect(first.results[0]?.article?.author).toBe('Minh Anh');
    const second = await engine.add([canonical]);
    expect(second.results[0]?.status).toBe('unchanged');
    expect(second.results[0]?.article?.articleId).toBe(first.results[0]?.article?.articleId);
  });

  it('keeps two articles apart when both name their section page as canonical, and re-adding either changes nothing', async () => {
    // Both pages' canonical link is the section their menu links to: not either article's address.
    const section = 'https://mst.gov.vn/tin-tuc-su-kien.htm';
    const [a, b] = [seriesPage(70), seriesPage(71)];
    for (const s of [a, b]) web.set(s.path, html(newPortalPage({ ...s.page, canonical: section }, s.iso)));
    const report = await engine.add([web.url(a.path)]);
    const second = await engine.add([web.url(b.path)]);
    const [ra, rb] = [report.results[0], second.results[0]];
    expect([ra?.status, rb?.status]).toEqual(['added', 'added']);
    expect(ra?.article?.url).toBe(web.url(a.path));
    expect(rb?.article?.url).toBe(web.url(b.path));
    expect(ra?.article?.articleId).not.toBe(rb?.article?.articleId);
    expect(fs.readFileSync(ra?.article?.file as string, 'utf8')).toContain(`title: "${a.page.title}"`);
    expect(fs.readFileSync(rb?.article?.file as string, 'utf8')).toContain(`title: "${b.page.title}"`);
    const again = await engine.add([web.url(a.path), web.url(b.path)]);
    expect(again.results.map((r) => [r.status, r.article?.articleId])).toEqual([
      ['unchanged', ra?.article?.articleId],
      ['unchanged', rb?.article?.articleId],
    ]);
  });

  it('never overwrites a stored article with another story that has the same canonical link', async () => {
    // A template's canonical link, the same on two unrelated articles and linked from neither.
    const canonical = 'https://mst.gov.vn/bai-viet-mau-197250601.htm';
    web.set(
      '/han-quoc-19725060101.htm',
      html(newPortalPage({ ...KOREA, title: 'Hàn Quốc và Việt Nam hợp tác đo lường', canonical }, '2025-06-01T08:00:00+07:00')),
    );
    web.set(
      '/phan-lan-19725060102.htm',
      html(newPortalPage({ ...FINLAND, title: 'Phần Lan và Việt Nam hợp tác đổi mới', canonical }, '2025-06-02T08:00:00+07:00')),
    );
    const first = (await engine.add([web.url('/han-quoc-19725060101.htm')])).results[0];
    expect(first?.status).toBe('added');
    expect(first?.article?.url).toBe(canonical);
    const text = fs.readFileSync(first?.article?.file as string, 'utf8');
    const other = (await engine.add([web.url('/phan-lan-19725060102.htm')])).results[0];
    expect(other?.status).toBe('added');
    expect(other?.article?.url).toBe(web.url('/phan-lan-19725060102.htm'));
    expect(other?.article?.articleId).not.toBe(first?.article?.articleId);
    expect(fs.readFileSync(first?.article?.file as string, 'utf8')).toBe(text);
    expect((await engine.source(`${first?.article?.articleId}#p2`))?.text).toBe(KOREA.paragraphs[0]);
    expect((await engine.add([web.url('/phan-lan-19725060102.htm')])).results[0]?.status).toBe('unchanged');
    // The same story again under another address is still the stored article.
    web.set('/han-quoc-ban-sao.htm', html(newPortalPage({ ...KOREA, title: 'Hàn Quốc và Việt Nam hợp tác đo lường', canonical }, '2025-06-01T08:00:00+07:00')));
    const copy = (await engine.add([web.url('/han-quoc-ban-sao.htm')])).results[0];
    expect([copy?.status, copy?.article?.articleId]).toEqual(['unchanged', first?.article?.articleId]);
  });

  it('updates a changed page under the same id, and the new text replaces the old', async () => {
    const p = '/vn/tin-tuc/13300/hop-tac-phan-lan-cap-nhat.aspx';
    const v1 = {
      ...KOREA,
      title: 'Hợp tác đo lường với Phần Lan được mở rộng',
      paragraphs: ['Bản tin đầu tiên nói rằng hai bên sẽ trao đổi chuyên gia hiệu chuẩn vào năm sau.', ...KOREA.paragraphs.slice(1)],
    };
    web.set(p, html(oldPortalPage(v1)));
    const a = await engine.add([web.url(p)]);
    const id = a.results[0]?.article?.articleId as string;
    expect(a.results[0]?.status).toBe('added');
    const v2 = { ...v1, paragraphs: ['Bản tin đã sửa cho biết hai bên sẽ trao đổi kỹ thuật viên đo lường khí tượng thủy văn.', ...KOREA.paragraphs.slice(1)] };
    web.set(p, html(oldPortalPage(v2)));
    const b = await engine.add([web.url(p)]);
    expect(b.results[0]?.status).toBe('updated');
    expect(b.results[0]?.article?.articleId).toBe(id);
    expect(b.index?.changed).toBe(1);
    expect((await engine.source(`${id}#p2`))?.text).toBe(v2.paragraphs[0]);
    const hits = await engine.search('kỹ thuật viên đo lường khí tượng thủy văn');
    expect(hits[0]?.articleId).toBe(id);
    expect(mdFiles(corpus).filter((f) => f.startsWith('hop-tac-do-luong-voi-phan-lan'))).toHaveLength(1);
  });

  it("leaves an editor's corrections alone while the page is unchanged, and never replaces a hand-written article", async () => {
    const p = '/vn/tin-tuc/13245/viet-nam-va-han-quoc-ky-ket-hop-tac-ve-do-luong.aspx';
    const file = path.join(corpus, 'viet-nam-va-han-quoc-ky-ket-hop-tac-ve-do-luong-20171207.md');
    const corrected = fs.readFileSync(file, 'utf8').replace('luân phiên tại Hà Nội và Seoul', 'luân phiên tại Hà Nội và Seoul (biên tập viên đã kiểm tra)');
    fs.writeFileSync(file, corrected);
    expect((await engine.add([web.url(p)])).results[0]?.status).toBe('unchanged');
    expect(fs.readFileSync(file, 'utf8')).toBe(corrected);

    fs.writeFileSync(
      path.join(corpus, 'viet-tay-tay-ban-nha.md'),
      `---\nid: viet-tay-tay-ban-nha\ntitle: Bài viết tay\ndate: 2024-01-02\nsource: Biên tập\nurl: ${web.url('/hand-written.htm')}\n---\n\nĐoạn văn được biên tập viên viết tay, không được thay thế.\n`,
    );
    web.set('/hand-written.htm', html(oldPortalPage({ ...KOREA, title: 'Một bài khác trên cùng địa chỉ' })));
    await engine.reindex();
    const r = (await engine.add([web.url('/hand-written.htm')])).results[0];
    expect(r?.status).toBe('unchanged');
    expect(r?.reason).toMatch(/written by hand; it is not replaced/);
  });

  it('reports every fault with the URL and the reason, and writes nothing', async () => {
    web.set('/boom.htm', { status: 500 });
    web.set('/slow.htm', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.write('<html><body><p>Đang tải');
    });
    web.set('/photo.jpg', { headers: { 'content-type': 'image/jpeg' }, body: Buffer.from([0xff, 0xd8, 0xff, 0xe0]) });
    web.set('/feed.rss', {
      headers: { 'content-type': 'text/xml' },
      body: '<?xml version="1.0"?><rss version="2.0"><channel><title>Tin</title></channel></rss>',
    });
    web.set('/feed-as-html', {
      headers: { 'content-type': 'text/html' },
      body: '<?xml version="1.0"?><rss version="2.0"><channel><title>Tin</title></channel></rss>',
    });
    web.set('/tin-tuc-su-kien/khoa-hoc.htm', html(listingPage()));
    web.set('/loop', redirect('/loop'));
    const files = visible(corpus);
    const stats = engine.stats();
    const urls = ['/missing.htm', '/boom.htm', '/slow.htm', '/photo.jpg', '/feed.rss', '/feed-as-html', '/tin-tuc-su-kien/khoa-hoc.htm', '/loop'].map((p) =>
      web.url(p),
    );
    const report = await engine.add([...urls, 'ftp://example.org/a', 'not a url']);
    const byUrl = new Map(report.results.map((r) => [r.url, r]));
    const expectResult = (u: string, status: string, reason: RegExp) => {
      const r = byUrl.get(u);
      expect(r?.status, u).toBe(status);
      expect(r?.reason, u).toMatch(reason);
      expect(r?.reason?.startsWith(u), `${u}: ${r?.reason}`).toBe(true);
    };
    expectResult(urls[0] as string, 'failed', /not found \(HTTP 404\)/);
    expectResult(urls[1] as string, 'failed', /the site failed \(HTTP 500\)/);
    expectResult(urls[2] as string, 'failed', /no complete response within 3 s/);
    expectResult(urls[3] as string, 'failed', /expected a web page \(text\/html\) but the site sent image\/jpeg/);
    expectResult(urls[4] as string, 'failed', /kiemchung feed add/);
    expectResult(urls[5] as string, 'refused', /feed or sitemap/);
    expectResult(urls[6] as string, 'refused', /not an article|too little article text/);
    expectResult(urls[7] as string, 'failed', /redirect loop/);
    expectResult('ftp://example.org/a', 'failed', /only http and https/);
    expect(byUrl.get('not a url')?.reason).toMatch(/not a valid URL/);
    expect(byUrl.get(urls[0] as string)?.httpStatus).toBe(404);
    expect(report.index).toBeUndefined();
    expect(visible(corpus)).toEqual(files);
    expect(engine.stats()).toEqual(stats);
  });

  it('refuses a page with no markup ("Service Unavailable") and still adds and reports the rest of the batch', async () => {
    web.set('/unavailable.htm', { headers: { 'content-type': 'text/html; charset=utf-8' }, body: 'Service Unavailable' });
    web.set('/unavailable.txt', { headers: { 'content-type': 'text/plain; charset=utf-8' }, body: 'Service Unavailable\n' });
    const s = seriesPage(300);
    web.set(s.path, html(newPortalPage(s.page, s.iso)));
    const report = await engine.add([web.url('/unavailable.htm'), web.url(s.path), web.url('/unavailable.txt')]);
    const [page, good, text] = report.results;
    expect(page?.status).toBe('refused');
    expect(page?.reason).toBe(`${web.url('/unavailable.htm')}: the page has no HTML markup; it reads: "Service Unavailable"`);
    expect(good?.status, good?.reason).toBe('added');
    expect(good?.article?.title).toBe(s.page.title);
    expect(text?.status).toBe('refused');
    expect(text?.reason).toMatch(/no HTML markup; it reads: "Service Unavailable"$/);
    expect(report.index?.added).toBe(1);
  });

  it('refuses a page whose article file would be too large for the corpus, before writing anything', async () => {
    const paragraphs = Array.from(
      { length: 250 },
      (_, i) => `Đoạn ${i + 1}: ${'Hợp tác khoa học và công nghệ giữa Việt Nam và Hàn Quốc được đẩy mạnh trong nhiều lĩnh vực. '.repeat(75)}`,
    );
    web.set(
      '/bai-rat-dai-19725061704.htm',
      html(newPortalPage({ ...FINLAND, title: 'Một bài viết dài quá mức cho phép', paragraphs }, '2025-06-17T04:00:00+07:00')),
    );
    const files = visible(corpus);
    const r = (await engine.add([web.url('/bai-rat-dai-19725061704.htm')])).results[0];
    expect(r?.status).toBe('refused');
    expect(r?.reason).toMatch(/: the article is too large \(2\.\d MB; an article file may be at most 2 MB\)$/);
    expect(visible(corpus)).toEqual(files);
    expect((await loadCorpus(corpus)).issues).toEqual([]);
  });

  it('refuses loopback and private addresses unless KIEMCHUNG_FETCH_ALLOW_PRIVATE=1', async () => {
    const strict = await createEngine({ config: { corpus, indexDir }, env: { KIEMCHUNG_LOG_LEVEL: 'silent' }, logger: silentLogger, autoIndex: false });
    try {
      const files = visible(corpus);
      const r = (
        await strict.add([
          web.url('/thuc-day-hop-tac-doi-moi-sang-tao-viet-nam-phan-lan-197250616201306032.htm'),
          'http://169.254.169.254/latest/meta-data/',
          `http://localhost:${web.port}/x`,
        ])
      ).results;
      expect(r.map((x) => x.failure)).toEqual(['private-address', 'private-address', 'private-address']);
      expect(r[0]?.reason).toMatch(/127\.0\.0\.1 is a loopback address; refused \(set KIEMCHUNG_FETCH_ALLOW_PRIVATE=1/);
      expect(r[1]?.reason).toMatch(/169\.254\.169\.254 is a link-local address/);
      expect(visible(corpus)).toEqual(files);
    } finally {
      await strict.close();
    }
  });

  it('dates a page whose only date is a zoned metadata timestamp on the clock of KIEMCHUNG_TIME_ZONE', async () => {
    // 22:15 UTC on the 16th is 05:15 on the 17th in Vietnam, the default place.
    const page = newPortalPage({ ...FINLAND, printed: '' }, '2025-06-16T22:15:00+00:00').replace(/<div class="detail-time">[^<]*<\/div>/, '');
    web.set('/hop-tac-phan-lan-utc-197250617051500000.htm', html(page));
    const url = web.url('/hop-tac-phan-lan-utc-197250617051500000.htm');
    const r = (await engine.add([url])).results[0];
    expect(r?.status, r?.reason).toBe('added');
    expect(r?.article).toMatchObject({ date: '2025-06-17', time: '05:15', dateKind: 'published' });
    expect(fs.readFileSync(r?.article?.file as string, 'utf8')).toMatch(/^date: ["']?2025-06-17["']?\ntime: ["']?05:15["']?$/m);

    const elsewhere = await createEngine({
      config: { corpus: copyCorpus(), indexDir: tempDir('kc-add-utc-') },
      env: { ...ENV, KIEMCHUNG_TIME_ZONE: 'UTC' },
      logger: silentLogger,
    });
    try {
      const u = (await elsewhere.add([url])).results[0];
      expect(u?.article).toMatchObject({ date: '2025-06-16', time: '22:15' });
    } finally {
      await elsewhere.close();
    }
  });

  it.skipIf(!hasWebData)('adds a saved news page and refuses a saved home page', async () => {
    web.set('/dau-bung-keo-dai-phat-hien-ung-thu-lymphoma-ruot-non-4954454.html', {
      headers: { 'content-type': 'text/html; charset=utf-8' },
      body: savedPage('vnexpress-1.html'),
    });
    web.set('/', { headers: { 'content-type': 'text/html' }, body: savedPage('vnexpress-3.html') });
    const report = await engine.add([web.url('/dau-bung-keo-dai-phat-hien-ung-thu-lymphoma-ruot-non-4954454.html'), web.url('/')]);
    const [page, home] = report.results;
    expect(page?.status, page?.reason).toBe('added');
    // The page's canonical address is the real site's: that is the article's identity.
    expect(page?.article).toMatchObject({
      title: 'Đau bụng kéo dài, phát hiện ung thư lymphoma ruột non',
      date: '2025-10-22',
      time: '19:25',
      author: 'Lê Phương',
      paragraphCount: 6,
      url: 'https://vnexpress.net/dau-bung-keo-dai-phat-hien-ung-thu-lymphoma-ruot-non-4954454.html',
    });
    expect(home?.status).toBe('refused');
    expect(home?.reason).toMatch(/home page/);
  });
});

describe('kiemchung add', () => {
  it('prints title, date, paragraph count and id, and exits 1 when a URL fails', async () => {
    const dir = copyCorpus();
    const idx = tempDir('kc-add-cli-');
    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (s: string) => out.push(s), err: (s: string) => err.push(s), env: ENV, stdin: process.stdin };
    const ok = await runCli(
      ['add', web.url('/thuc-day-hop-tac-doi-moi-sang-tao-viet-nam-phan-lan-197250616201306032.htm'), '--corpus', dir, '--index', idx],
      io,
    );
    const text = out.join('\n');
    expect(ok, err.join('\n')).toBe(0);
    expect(text).toMatch(/^added {5}thuc-day-hop-tac-doi-moi-sang-tao-viet-nam-phan-lan-20250616$/m);
    expect(text).toContain(FINLAND.title);
    expect(text).toMatch(/16\/06\/2025 20:13 · 4 paragraphs · Bộ Khoa học và Công nghệ · Minh Anh/);
    expect(text).toMatch(/indexed: 1 added, 0 changed; 3 articles/);
    out.length = 0;
    const bad = await runCli(['add', web.url('/missing.htm'), '--corpus', dir, '--index', idx], io);
    expect(bad).toBe(1);
    expect(out.join('\n')).toMatch(/^failed {4}http:\/\/127\.0\.0\.1:\d+\/missing\.htm: not found \(HTTP 404\)$/m);
    expect(await runCli(['add', '--corpus', dir], io)).toBe(2);
  });
});
