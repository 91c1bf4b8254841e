import { describe, expect, it } from 'vitest';
import { cleanTitle, extractArticle } from '../../src/extract/extract-article.js';
import { isDateLine, splitCredit } from '../../src/extract/rules.js';
import { findDates } from '../../src/text/find-dates.js';
import { inTimeZone, parseTimestamp } from '../../src/text/parse-timestamp.js';
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

  it('says a page with a line of text (a maintenance notice, a bare error) has too little text to be an article', () => {
    expect(extractArticle('<p>Xin lỗi, trang đang bảo trì.</p>', 'https://a.vn/x.htm')).toEqual({
      ok: false,
      reason: 'too little text to be an article (28 characters on the page)',
    });
    // Text with no markup at all is said to be so, with what it reads.
    expect(extractArticle('Service Unavailable', 'https://a.vn/x.htm')).toEqual({
      ok: false,
      reason: 'the page has no HTML markup; it reads: "Service Unavailable"',
    });
  });
});

describe('a home page served at another path', () => {
  it('is refused as a home page when it gives its address as the site root, not as undated', () => {
    const home = portal({ under: '', head: '<meta property="og:url" content="https://mst.gov.vn/">' });
    expect(extractArticle(home, 'https://mst.gov.vn/trang-chu.htm', NOW)).toEqual({
      ok: false,
      reason: "not an article: it is a site's home page (it gives its address as https://mst.gov.vn/)",
    });
    // Without that signal, an undated page is refused as undated.
    expect(extractArticle(portal({ under: '' }), 'https://mst.gov.vn/trang-chu.htm', NOW)).toEqual({
      ok: false,
      reason: 'no publication date was found (a news article states when it was published)',
    });
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

/** A page of the current portal with the parts a test changes: the head, what sits under the headline, the body. */
function portal(parts: { head?: string; menu?: string; h1?: string; under?: string; lead?: string; body?: string; after?: string }): string {
  const title = 'Thúc đẩy hợp tác khoa học và công nghệ Việt Nam - Hàn Quốc';
  return `<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">
<title>${title} - Bộ Khoa học và Công nghệ</title>
${parts.head ?? `<meta property="og:title" content="${title}">`}<meta property="og:site_name" content="Bộ Khoa học và Công nghệ"></head><body>
<header><nav><ul>${parts.menu ?? '<li><a href="/">Trang chủ</a></li><li><a href="/tin-tuc-su-kien.htm">Tin tức - Sự kiện</a></li>'}</ul></nav></header>
<div class="main"><h1 class="detail-title">${parts.h1 ?? title}</h1>
${parts.under ?? '<div class="detail-time">Thứ Tư, 18/06/2025 09:30</div>'}
<h2 class="detail-sapo">${parts.lead ?? 'Mới đây, tại Hà Nội, Thứ trưởng Bộ Khoa học và Công nghệ đã tiếp đoàn công tác của Bộ Khoa học và CNTT Hàn Quốc do Vụ trưởng Vụ Hợp tác quốc tế dẫn đầu.'}</h2>
<div class="detail-content">
${
  parts.body ??
  `<p>Tại buổi làm việc, hai bên đã trao đổi về kết quả hợp tác trong 30 năm qua, kể từ khi hai nước ký Hiệp định hợp tác khoa học và công nghệ năm 1995.</p>
<p>Thứ trưởng đề nghị phía Hàn Quốc tiếp tục hỗ trợ Viện Khoa học và Công nghệ Việt Nam - Hàn Quốc (VKIST) trong giai đoạn 2025-2030, với tổng kinh phí dự kiến 35 triệu USD.</p>
<p>Hai bên thống nhất sẽ tổ chức Ủy ban hỗn hợp về khoa học và công nghệ lần thứ 9 vào tháng 10/2025 tại Seoul.</p>`
}
<p style="text-align:right"><strong>Minh Anh</strong></p>
</div>
${parts.after ?? ''}
</div></body></html>`;
}

const PORTAL_URL = 'https://mst.gov.vn/thuc-day-hop-tac-khcn-viet-nam-han-quoc-197250618093000000.htm';

function extracted(html: string, url = PORTAL_URL, options: Parameters<typeof extractArticle>[2] = NOW) {
  const r = extractArticle(html, url, options);
  if (!r.ok) throw new Error(r.reason);
  return r.article;
}

describe('the publication date printed beside the headline', () => {
  it('is the first date of a line that also says when the page was updated', () => {
    const a = extracted(portal({ under: '<div class="detail-time">20/06/2025 07:30 (GMT+7) - Cập nhật: 21/06/2025 09:00</div>' }));
    expect([a.date, a.time, a.dateKind]).toEqual(['2025-06-20', '07:30', 'published']);
    const b = extracted(
      portal({
        under: '<div class="detail-time">Thứ Ba, 17/06/2025 08:15 (GMT+7) - Cập nhật: Thứ Năm, 19/06/2025 10:00</div>',
        lead: 'Ngày 14/6/2025, tại Hà Nội, Thứ trưởng Bộ Khoa học và Công nghệ đã tiếp đoàn công tác của Bộ Khoa học và CNTT Hàn Quốc.',
      }),
    );
    expect([b.date, b.time, b.dateKind]).toEqual(['2025-06-17', '08:15', 'published']);
  });

  it('is not the date of a linked article listed under the headline', () => {
    const a = extracted(
      portal({
        under:
          '<ul class="tin-lien-quan"><li><a href="/x.htm">Tin cũ: Hợp tác Việt - Hàn 2024</a> (20/05/2025)</li></ul>' +
          '<div class="share"><a href="#">Chia sẻ Facebook</a> <a href="#">Zalo</a> <a href="#">In bài</a></div>',
        body: [1, 2, 3, 4, 5, 6]
          .map(
            (n) =>
              `<p>Nội dung hợp tác thứ ${n}: hai bên thống nhất triển khai các dự án nghiên cứu chung, trao đổi chuyên gia và đào tạo nghiên cứu sinh.</p>`,
          )
          .join('\n'),
        after: '<div class="post-date">Ngày đăng: 18/06/2025</div>',
      }),
    );
    expect([a.date, a.dateKind]).toEqual(['2025-06-18', 'published']);
  });
});

describe('zoned metadata timestamps', () => {
  const utcPage = portal({
    under: '',
    head: '<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Thúc đẩy hợp tác khoa học và công nghệ Việt Nam - Hàn Quốc","datePublished":"2025-06-16T22:15:00+00:00"}</script>',
  });

  it('are read on the clock of the configured place, Vietnam by default', () => {
    const a = extracted(utcPage);
    expect([a.date, a.time, a.dateKind, a.dateFrom]).toEqual(['2025-06-17', '05:15', 'published', 'json-ld datePublished']);
    const b = extracted(utcPage, PORTAL_URL, { ...NOW, timeZone: 'UTC' });
    expect([b.date, b.time]).toEqual(['2025-06-16', '22:15']);
    const c = extracted(portal({ under: '', head: '<meta property="article:published_time" content="2025-06-16T17:30:00Z">' }));
    expect([c.date, c.time]).toEqual(['2025-06-17', '00:30']);
  });

  it('convert instants, and leave dates and unzoned times as written', () => {
    const at = (s: string) => inTimeZone(parseTimestamp(s) as NonNullable<ReturnType<typeof parseTimestamp>>, 'Asia/Ho_Chi_Minh');
    expect(at('2025-06-16T22:15:00+00:00')).toMatchObject({ date: '2025-06-17', time: '05:15' });
    expect(at('2025-06-16T08:00:00+07:00')).toMatchObject({ date: '2025-06-16', time: '08:00' });
    expect(at('Mon, 16 Jun 2025 23:59:00 GMT')).toMatchObject({ date: '2025-06-17', time: '06:59' });
    expect(at('2025-06-16 23:30')).toMatchObject({ date: '2025-06-16', time: '23:30' });
    expect(at('2025-06-16')).toMatchObject({ date: '2025-06-16' });
  });
});

describe('tables and lists in the text', () => {
  const body = `<p>Theo Ủy ban Tiêu chuẩn Đo lường Chất lượng Quốc gia, đây là lần đầu tiên Việt Nam đăng cai Hội nghị thường niên ISO, dự kiến thu hút khoảng 1.200 đại biểu.</p>
<p>Các nội dung chính của Hội nghị gồm:</p>
<ul><li>Chiến lược ISO 2030 và vai trò của các nước đang phát triển;</li><li>Tiêu chuẩn về trí tuệ nhân tạo và chuyển đổi số;</li><li>Tiêu chuẩn về phát thải và tín chỉ carbon.</li></ul>
<p>Các nước đăng cai những năm gần đây:</p>
<table border="1"><tr><th>Năm</th><th>Nước đăng cai</th></tr><tr><td>2024</td><td>Australia</td></tr><tr><td>2025</td><td>Rwanda</td></tr><tr><td>2026</td><td>Việt Nam</td></tr></table>
<table><tbody><tr><td>Số đại biểu</td><td>1.200</td></tr><tr><td>Số quốc gia</td><td>170</td></tr></tbody></table>
<p>Trước đó, năm 2024, Hội nghị thường niên ISO lần thứ 46 được tổ chức tại Brisbane (Australia).</p>`;

  it('keeps each row of a data table as one paragraph, its cells together (with the header when there is one)', () => {
    const a = extracted(portal({ body }));
    const at = a.paragraphs.indexOf('Các nước đăng cai những năm gần đây:');
    expect(a.paragraphs.slice(at + 1, at + 6)).toEqual([
      'Năm: 2024; Nước đăng cai: Australia',
      'Năm: 2025; Nước đăng cai: Rwanda',
      'Năm: 2026; Nước đăng cai: Việt Nam',
      'Số đại biểu – 1.200',
      'Số quốc gia – 170',
    ]);
    expect(a.paragraphs).not.toContain('Rwanda');
  });

  it('keeps list items in order right after their lead-in', () => {
    const a = extracted(portal({ body }));
    const at = a.paragraphs.indexOf('Các nội dung chính của Hội nghị gồm:');
    expect(at).toBeGreaterThan(0);
    expect(a.paragraphs.slice(at + 1, at + 4)).toEqual([
      'Chiến lược ISO 2030 và vai trò của các nước đang phát triển;',
      'Tiêu chuẩn về trí tuệ nhân tạo và chuyển đổi số;',
      'Tiêu chuẩn về phát thải và tín chỉ carbon.',
    ]);
  });

  it('leaves a picture table alone: its caption is still a caption', () => {
    const a = extracted(
      portal({
        body: `<p>Tại buổi làm việc, hai bên đã trao đổi về kết quả hợp tác trong 30 năm qua, kể từ khi hai nước ký Hiệp định hợp tác khoa học và công nghệ năm 1995.</p>
<table class="VCSortableInPreviewMode"><tr><td><img src="/a.jpg"></td></tr><tr><td class="PhotoCMS_Caption"><p>Thứ trưởng phát biểu tại buổi tiếp. Ảnh: Minh Anh</p></td></tr></table>
<p>Hai bên thống nhất sẽ tổ chức Ủy ban hỗn hợp về khoa học và công nghệ lần thứ 9 vào tháng 10/2025 tại Seoul.</p>`,
      }),
    );
    expect(a.captions).toEqual(['Thứ trưởng phát biểu tại buổi tiếp. Ảnh: Minh Anh']);
  });
});

describe('an author box', () => {
  it('is dropped: the avatar beside the name is no photo, the name no caption', () => {
    for (const box of [
      '<div class="author-box"><img src="/u.jpg"><b>Minh Anh</b><p>Phóng viên Ban Tin tức, chuyên theo dõi mảng hợp tác quốc tế của Bộ.</p></div>',
      '<div class="box"><img src="/u.jpg"><strong>Minh Anh</strong><p>Phóng viên Ban Tin tức, chuyên theo dõi mảng hợp tác quốc tế của Bộ.</p></div>',
    ]) {
      const html = portal({}).replace('</div>\n\n</div></body>', `${box}\n</div>\n\n</div></body>`);
      expect(html).toContain(box);
      const a = extracted(html);
      expect(a.captions).toEqual([]);
      expect(a.blocks.map((b) => b.text).join(' ')).not.toMatch(/Phóng viên Ban Tin tức/);
      expect(a.author).toBe('Minh Anh');
    }
  });

  it('is not a picture whose caption opens with the word for reporter', () => {
    const a = extracted(
      portal({
        body: `<p>Tại buổi làm việc, hai bên đã trao đổi về kết quả hợp tác trong 30 năm qua, kể từ khi hai nước ký Hiệp định hợp tác khoa học và công nghệ năm 1995.</p>
<figure><img src="/a.jpg"><figcaption>Phóng viên quốc tế tác nghiệp tại buổi tiếp.</figcaption></figure>
<p>Hai bên thống nhất sẽ tổ chức Ủy ban hỗn hợp về khoa học và công nghệ lần thứ 9 vào tháng 10/2025 tại Seoul.</p>`,
      }),
    );
    expect(a.captions).toEqual(['Phóng viên quốc tế tác nghiệp tại buổi tiếp.']);
  });
});

describe('a section front with summaries', () => {
  const teaser = (n: number) => `<div class="box-stream-item"><a href="/bai-${n}-1972506100${n}.htm"><img src="/i${n}.jpg"></a>
<h3 class="box-stream-title"><a href="/bai-${n}-1972506100${n}.htm">Bộ Khoa học và Công nghệ làm việc với đối tác quốc tế số ${n} về đổi mới sáng tạo</a></h3>
<p class="box-stream-sapo">Ngày ${n}/6/2025, tại Hà Nội, Thứ trưởng Bộ Khoa học và Công nghệ đã tiếp và làm việc với đoàn công tác của đối tác số ${n}, thảo luận về các chương trình hợp tác nghiên cứu, chuyển giao công nghệ và đào tạo nhân lực chất lượng cao trong giai đoạn tới.</p>
<span class="box-stream-time">0${n}/06/2025 08:0${n}</span></div>`;
  const front = `<html lang="vi"><head><meta charset="utf-8"><title>Khoa học và Công nghệ - Bộ Khoa học và Công nghệ</title><meta property="og:site_name" content="Bộ Khoa học và Công nghệ"></head><body>
<div class="menu"><a href="/">Trang chủ</a><a href="/tin-tuc-su-kien.htm">Tin tức - Sự kiện</a></div>
<h1 class="cate-title">Khoa học và Công nghệ</h1>
<div class="box-stream">${[1, 2, 3, 4, 5, 6, 7, 8, 9].map(teaser).join('\n')}</div>
</body></html>`;

  it('is refused as a list of articles: linked headlines, each with its summary and date', () => {
    const r = extractArticle(front, 'https://mst.gov.vn/tin-tuc-su-kien/khoa-hoc-va-cong-nghe.htm', NOW);
    expect(r).toEqual({ ok: false, reason: 'not an article: it is a list of 9 articles, each a linked headline with its summary' });
  });

  it('while an article with a few linked headlines among its paragraphs is not', () => {
    const related = [1, 2, 3].map(
      (n) =>
        `<h4><a href="/r-${n}.htm">Tin liên quan số ${n} về hợp tác khoa học và công nghệ</a></h4><p>Tóm tắt tin liên quan số ${n}, về hợp tác khoa học và công nghệ với các đối tác quốc tế.</p>`,
    );
    const a = extracted(portal({ after: related.join('\n') }));
    expect(a.paragraphs.length).toBeGreaterThanOrEqual(3);
  });
});

describe('a printed headline worded otherwise than og:title and <title>', () => {
  const other = 'Việt Nam và Hàn Quốc bàn kế hoạch hợp tác VKIST giai đoạn mới';
  const head = `<meta property="og:title" content="${other}">`;
  const printed = 'Thúc đẩy hợp tác khoa học và công nghệ Việt Nam - Hàn Quốc';
  const longMenu = Array.from({ length: 30 }, (_, i) => `<li><a href="/m${i}.htm">Mục ${i}</a></li>`).join('');

  it('is the title, and the date line beside it is the date, also after a long menu', () => {
    for (const menu of [undefined, longMenu]) {
      const html = portal({ head, ...(menu ? { menu } : {}) }).replace(/<title>[^<]*<\/title>/, `<title>${other} - Bộ Khoa học và Công nghệ</title>`);
      const a = extracted(html);
      expect(a.title).toBe(printed);
      expect([a.date, a.time, a.dateKind]).toEqual(['2025-06-18', '09:30', 'published']);
      expect(a.paragraphs[0]).toMatch(/^Mới đây, tại Hà Nội/);
    }
  });
});
