import { describe, expect, it } from 'vitest';
import { cleanTitle, extractArticle } from '../../src/extract/extract-article.js';
import { isDateLine, splitCredit } from '../../src/extract/rules.js';
import { findDates } from '../../src/text/find-dates.js';
import { parseTimestamp } from '../../src/text/parse-timestamp.js';

// Pages shaped like the ministry's two portals as public scrapers describe them (the text is ours).
const OLD_PORTAL = `<!DOCTYPE html><html><head><meta charset="utf-8">
<title>Việt Nam và Hàn Quốc ký kết hợp tác về đo lường</title></head><body>
<div id="header"><a href="/">Trang chủ</a> <a href="/vn/chuyen-muc/493/tin-tong-hop.aspx">Tin tổng hợp</a></div>
<div class="marquee"><a href="/vn/tin-tuc/13001/a.aspx">Hội thảo năng lượng nguyên tử</a> <span>Ngày 01/12/2017</span></div>
<div id="divArticleDescription3"><h1 class="News_Detail_Title">Việt Nam và Hàn Quốc ký kết hợp tác về đo lường</h1></div>
<span class="News_Time_Post">Thứ năm, 07/12/2017 09:15</span>
<div id="divArticleDescription1"><p><strong>Ngày 6/12/2017, tại Hà Nội, Tổng cục Tiêu chuẩn Đo lường Chất lượng và Viện Tiêu chuẩn Hàn Quốc đã ký biên bản ghi nhớ về hợp tác đo lường giai đoạn 2018 - 2020.</strong></p></div>
<div id="divArticleDescription2"><div class="ExternalClass4F2A9C"><p><span style="font-size:12px"><span style="font-family:Arial">Theo biên bản, hai bên sẽ trao đổi chuyên gia, tổ chức các khóa đào tạo chung về hiệu chuẩn thiết bị đo và chia sẻ kinh nghiệm xây dựng chuẩn quốc gia trong các lĩnh vực khối lượng, nhiệt độ và áp suất.</span></span></p>
<p style="text-align:center"><img src="/Images/Tintuc/m8d1f.jpg"></p>
<p style="text-align:center"><em><span style="font-size:11px">Quang cảnh lễ ký kết biên bản ghi nhớ</span></em></p>
<p><span style="font-size:12px"><span style="font-family:Arial">Phát biểu tại buổi lễ, đại diện Tổng cục cho biết hợp tác với Hàn Quốc giúp các phòng thí nghiệm của Việt Nam sớm đạt được sự thừa nhận lẫn nhau trong khu vực châu Á - Thái Bình Dương.</span></span></p>
<p><span style="font-size:12px">Hai bên cũng thống nhất sẽ họp rà soát kết quả hợp tác mỗi năm một lần, luân phiên tại Hà Nội và Seoul.</span></p>
</div></div>
<div id="ctl00_SPWebPartManager1_g_275cd07f_ctl00_pnNguontin"><p style="text-align:right"><font>Nguồn: Tổng cục Tiêu chuẩn Đo lường Chất lượng</font></p></div>
<div class="related"><h3>Tin liên quan</h3><div class="listnews_item"><a href="/vn/tin-tuc/13200/b.aspx">Hợp tác khoa học với Nhật Bản</a> <span>Ngày 05/12/2017</span></div></div>
</body></html>`;

const NEW_PORTAL = `<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">
<title>Thúc đẩy hợp tác đổi mới sáng tạo Việt Nam - Phần Lan - Bộ Khoa học và Công nghệ</title>
<meta property="og:type" content="article"><meta property="og:site_name" content="Bộ Khoa học và Công nghệ">
<link rel="canonical" href="https://mst.gov.vn/thuc-day-hop-tac-doi-moi-sang-tao-viet-nam-phan-lan-197250616201306032.htm">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Thúc đẩy hợp tác đổi mới sáng tạo Việt Nam - Phần Lan","datePublished":"2025-06-16T20:13:00+07:00"}</script>
</head><body>
<nav><a href="/tin-tuc-su-kien.htm">Tin tức - Sự kiện</a></nav>
<h1 class="detail-title">Thúc đẩy hợp tác đổi mới sáng tạo Việt Nam - Phần Lan</h1>
<div class="detail-time">Thứ Hai, 16/06/2025 20:13</div>
<h2 class="detail-sapo">Chiều 16/6, Thứ trưởng Bộ Khoa học và Công nghệ tiếp Đại sứ Phần Lan tại Việt Nam, trao đổi về các chương trình hợp tác đổi mới sáng tạo giai đoạn tới.</h2>
<div class="detail-content afcbc-body" data-role="content">
<p>Tại buổi tiếp, hai bên đánh giá chương trình đối tác đổi mới sáng tạo đã hỗ trợ hàng trăm doanh nghiệp khởi nghiệp của Việt Nam tiếp cận chuyên gia và nhà đầu tư Phần Lan.</p>
<figure class="VCSortableInPreviewMode"><img src="https://mst.gov.vn/anh.jpg"><figcaption class="PhotoCMS_Caption"><p>Thứ trưởng tiếp Đại sứ Phần Lan. Ảnh: Minh Anh</p></figcaption></figure>
<p>Đại sứ Phần Lan đề nghị mở rộng hợp tác sang lĩnh vực chuyển đổi số và công nghệ xanh, đồng thời kết nối các vườn ươm của hai nước.</p>
<p>Thứ trưởng đề nghị hai bên sớm hoàn thiện văn kiện giai đoạn mới để trình cấp có thẩm quyền trong năm 2025.</p>
<p style="text-align:right"><strong>Minh Anh</strong></p>
</div>
<div class="box-tin-lien-quan"><p><a href="/a-197250610.htm">Hợp tác khoa học với Thụy Điển</a></p><p><a href="/b-197250611.htm">Diễn đàn đổi mới sáng tạo quốc gia</a></p></div>
</body></html>`;

const LISTING = `<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Khoa học và công nghệ - Bộ Khoa học và Công nghệ</title></head><body>
<h1>Khoa học và công nghệ</h1>
${Array.from({ length: 20 }, (_, i) => `<div class="box-stream-item"><h3><a href="/tin-${i}-1972506${String(10 + i)}.htm">Tin hoạt động khoa học và công nghệ số ${i + 1} trong tháng sáu năm nay</a></h3><span class="time">${10 + (i % 9)}/06/2025</span><p><a href="/tin-${i}-1972506${String(10 + i)}.htm">Tóm tắt ngắn của tin số ${i + 1}.</a></p></div>`).join('\n')}
</body></html>`;

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
