import { describe, expect, it } from 'vitest';
import { cleanTitle, extractArticle } from '../../src/extract/extract-article.js';
import { isDateLine, splitCredit } from '../../src/extract/rules.js';
import { findDates } from '../../src/text/find-dates.js';
import { parseTimestamp } from '../../src/text/parse-timestamp.js';
import { FINLAND, KOREA, listingPage, newPortalPage, oldPortalPage } from '../support/news-pages.js';

const OLD_PORTAL = oldPortalPage(KOREA);
const NEW_PORTAL = newPortalPage(
  { ...FINLAND, canonical: 'https://mst.gov.vn/thuc-day-hop-tac-doi-moi-sang-tao-viet-nam-phan-lan-197250616201306032.htm' },
  '2025-06-16T20:13:00+07:00',
);
const LISTING = listingPage();

const NOW = { now: new Date('2026-01-01T00:00:00Z') };

describe('extraction of pages shaped like the ministry portals, through the same general path', () => {
  it('reads the old portal layout (/vn/tin-tuc/<id>/<slug>.aspx)', () => {
    const r = extractArticle(OLD_PORTAL, 'https://www.most.gov.vn/vn/tin-tuc/13245/viet-nam-va-han-quoc-ky-ket-hop-tac-ve-do-luong.aspx', NOW);
    if (!r.ok) throw new Error(r.reason);
    const a = r.article;
    expect(a.title).toBe('Việt Nam và Hàn Quốc ký kết hợp tác về đo lường');
    expect([a.date, a.time, a.dateKind]).toEqual(['2017-12-07', '09:15', 'published']);
    expect(a.credit).toBe('Tổng cục Tiêu chuẩn Đo lường Chất lượng');
    expect(a.lang).toBe('vi');
    expect(a.paragraphs).toHaveLength(4);
    expect(a.paragraphs[0]).toMatch(/^Ngày 6\/12\/2017, tại Hà Nội/);
    expect(a.paragraphs[3]).toMatch(/^Hai bên cũng thống nhất/);
    expect(a.captions).toEqual(['Quang cảnh lễ ký kết biên bản ghi nhớ']);
    expect(a.paragraphs.join(' ')).not.toMatch(/Nguồn:|Tin liên quan|Hợp tác khoa học với Nhật Bản/);
  });

  it('reads the current portal layout (/<slug>-<digits>.htm)', () => {
    const url = 'https://mst.gov.vn/thuc-day-hop-tac-doi-moi-sang-tao-viet-nam-phan-lan-197250616201306032.htm?utm_source=rss';
    const r = extractArticle(NEW_PORTAL, url, NOW);
    if (!r.ok) throw new Error(r.reason);
    const a = r.article;
    expect(a.title).toBe('Thúc đẩy hợp tác đổi mới sáng tạo Việt Nam - Phần Lan');
    expect([a.date, a.time]).toEqual(['2025-06-16', '20:13']);
    expect(a.author).toBe('Minh Anh');
    expect(a.siteName).toBe('Bộ Khoa học và Công nghệ');
    expect(a.canonicalUrl).toBe('https://mst.gov.vn/thuc-day-hop-tac-doi-moi-sang-tao-viet-nam-phan-lan-197250616201306032.htm');
    expect(a.paragraphs).toHaveLength(4);
    expect(a.paragraphs[0]).toMatch(/^Chiều 16\/6, Thứ trưởng/);
    expect(a.captions).toEqual(['Thứ trưởng tiếp Đại sứ Phần Lan. Ảnh: Minh Anh']);
    expect(a.blocks.map((b) => b.kind)).toEqual(['body', 'body', 'caption', 'body', 'body']);
  });

  it('refuses a listing of the portal', () => {
    const r = extractArticle(LISTING, 'https://mst.gov.vn/tin-tuc-su-kien/khoa-hoc-va-cong-nghe.htm', NOW);
    expect(r.ok).toBe(false);
  });

  it('refuses empty and text-less pages with a reason', () => {
    expect(extractArticle('', 'https://a.vn/x.htm')).toEqual({ ok: false, reason: 'the page is empty' });
    expect(extractArticle('<html><body><img src="a.jpg"></body></html>', 'https://a.vn/x.htm').ok).toBe(false);
  });
});

describe('the rules around the extractor', () => {
  it('splits credit lines into author and source', () => {
    expect(splitCredit('Theo Sầm Hoa (Vietnamnet/Reuters)')).toEqual({ author: 'Sầm Hoa', source: 'Vietnamnet/Reuters' });
    expect(splitCredit('Theo Minh Nguyễn/Vcamp.vn')).toEqual({ author: 'Minh Nguyễn', source: 'Vcamp.vn' });
    expect(splitCredit('Nguồn: Bộ Khoa học và Công nghệ (MOST)')).toEqual({ author: 'Bộ Khoa học và Công nghệ', source: 'MOST' });
    expect(splitCredit('Nguồn: Vụ Hợp tác quốc tế')).toEqual({ source: 'Vụ Hợp tác quốc tế' });
    expect(splitCredit('Tin, ảnh: Vũ Phương Thảo')).toEqual({ author: 'Vũ Phương Thảo' });
    expect(splitCredit('Hai bên thống nhất kế hoạch')).toEqual({});
  });

  it('knows a date line from a sentence that mentions a date', () => {
    expect(isDateLine('Thứ Hai, 24/12/2012, 03:04 AM (GMT+7)')).toBe(true);
    expect(isDateLine('Cập nhật thứ sáu, ngày 30/11/12 04:00 chiều')).toBe(true);
    expect(isDateLine('(24/12)')).toBe(true);
    expect(isDateLine('Ngày 22/10, bác sĩ cho biết bệnh nhân đã được phẫu thuật thành công và đang hồi phục tốt.')).toBe(false);
  });

  it('cuts the site and section from a document title, only when the rest is a headline', () => {
    expect(cleanTitle('Thanh tra vụ chặt cây xanh - Chính trị - Xã hội - Tuổi Trẻ Online', 'Tuổi Trẻ Online', 'tuoitre.vn')).toBe('Thanh tra vụ chặt cây xanh');
    expect(cleanTitle('Hà Nội - Hải Phòng', '', 'a.vn')).toBe('Hà Nội - Hải Phòng');
  });

  it('reads printed dates in Chinese and French forms with their time', () => {
    expect(findDates('2016年10月14日07:17').map((d) => [d.from, d.time])).toEqual([['2016-10-14', '07:17']]);
    expect(findDates('04.05.2015 à 13h36').map((d) => [d.from, d.time])).toEqual([['2015-05-04', '13:36']]);
  });

  it('reads machine timestamps on the page clock', () => {
    expect(parseTimestamp('2015-03-23 08:06 +07:00')).toMatchObject({ date: '2015-03-23', time: '08:06', zone: '+07:00' });
    expect(parseTimestamp('2012-12-23T14:02+07:00')).toMatchObject({ date: '2012-12-23', time: '14:02' });
    expect(parseTimestamp('Wed, 26 Jul 2017 19:55:20 +0700')).toMatchObject({ date: '2017-07-26', time: '19:55' });
    expect(parseTimestamp('Seg, 24 Set 2018 19:42:40 -0300')).toMatchObject({ date: '2018-09-24', time: '19:42' });
    expect(parseTimestamp('10/2/2026 9:25:00 PM')).toMatchObject({ date: '2026-10-02', time: '21:25' });
    expect(parseTimestamp('2024-02-30')).toBeNull();
    expect(parseTimestamp('not a date')).toBeNull();
    const a = parseTimestamp('2024-06-05T00:30:00+07:00');
    const b = parseTimestamp('2024-06-04T18:00:00Z');
    expect((a?.ms ?? 0) < (b?.ms ?? 0)).toBe(true);
  });
});

describe('pages without a document around them', () => {
  it('refuses text with no markup at all, with what it says, instead of failing', () => {
    for (const text of ['Service Unavailable', '  Service Unavailable\n', '<!-- bảo trì --> Service Unavailable']) {
      expect(extractArticle(text, 'https://mst.gov.vn/bai-viet-19725062.htm', NOW)).toEqual({
        ok: false,
        reason: 'the page has no HTML markup; it reads: "Service Unavailable"',
      });
    }
  });

  it('reads a page sent as a fragment without <html> and <body>', () => {
    const page = newPortalPage(FINLAND, '2025-06-16T20:13:00+07:00');
    const fragment = page.slice(page.indexOf('<h1'), page.indexOf('</body>'));
    const r = extractArticle(`<title>${FINLAND.title}</title>${fragment}`, 'https://mst.gov.vn/thuc-day-hop-tac-197250616201306032.htm', NOW);
    if (!r.ok) throw new Error(r.reason);
    expect(r.article.title).toBe(FINLAND.title);
    expect(r.article.paragraphs[0]).toBe(FINLAND.lead);
  });
});

describe('the canonical address', () => {
  const url = 'https://mst.gov.vn/tin-tuc-su-kien/thuc-day-hop-tac-197250616201306032.htm';
  const canonicalOf = (canonical: string, extra = '') => {
    const page = newPortalPage({ ...FINLAND, canonical }, '2025-06-16T20:13:00+07:00').replace('</body>', `${extra}</body>`);
    const r = extractArticle(page, url, NOW);
    if (!r.ok) throw new Error(r.reason);
    return r.article.canonicalUrl;
  };

  it("is the page's own address when the canonical link names a section the page links to, or a folder above it", () => {
    expect(canonicalOf('https://mst.gov.vn/tin-tuc-su-kien.htm')).toBe(url);
    expect(canonicalOf('https://mst.gov.vn/tin-tuc-su-kien/')).toBe(url);
    expect(canonicalOf('https://mst.gov.vn/')).toBe(url);
  });

  it("is kept when it names the article: a number's folder, links to the page itself, its headline as a link", () => {
    const own = 'https://mst.gov.vn/thuc-day-hop-tac-197250616201306032.htm';
    expect(canonicalOf(own, `<a href="${own}#binh-luan">3</a><a href="#">In bài</a><a href="${own}">${FINLAND.title}</a>`)).toBe(own);
    expect(canonicalOf('https://mst.gov.vn/tin-tuc-su-kien/197250616201306032')).toBe('https://mst.gov.vn/tin-tuc-su-kien/197250616201306032');
  });
});
