/**
 * News pages written for the tests, shaped like the ministry's two portals as public scrapers
 * describe them (the markup structure is theirs, the text is ours): the old SharePoint portal
 * (`/vn/tin-tuc/<id>/<slug>.aspx`) and the current one (`/<slug>-<digits>.htm`).
 */
export interface PageText {
  title: string;
  /** dd/mm/yyyy hh:mm as printed. */
  printed: string;
  lead: string;
  paragraphs: string[];
  caption?: string;
  credit?: string;
  author?: string;
  canonical?: string;
}

export function oldPortalPage(p: PageText): string {
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${p.title}</title>
${p.canonical ? `<link rel="canonical" href="${p.canonical}">` : ''}</head><body>
<div id="header"><a href="/">Trang chủ</a> <a href="/vn/chuyen-muc/493/tin-tong-hop.aspx">Tin tổng hợp</a></div>
<div class="marquee"><a href="/vn/tin-tuc/13001/a.aspx">Hội thảo năng lượng nguyên tử</a> <span>Ngày 01/12/2017</span></div>
<div id="divArticleDescription3"><h1 class="News_Detail_Title">${p.title}</h1></div>
<span class="News_Time_Post">Thứ năm, ${p.printed}</span>
<div id="divArticleDescription1"><p><strong>${p.lead}</strong></p></div>
<div id="divArticleDescription2"><div class="ExternalClass4F2A9C">
${p.paragraphs
  .map(
    (t, i) =>
      `<p><span style="font-size:12px"><span style="font-family:Arial">${t}</span></span></p>${i === 0 && p.caption ? `\n<p style="text-align:center"><img src="/Images/Tintuc/m8d1f.jpg"></p>\n<p style="text-align:center"><em><span style="font-size:11px">${p.caption}</span></em></p>` : ''}`,
  )
  .join('\n')}
</div></div>
${p.credit ? `<div id="ctl00_SPWebPartManager1_g_275cd07f_ctl00_pnNguontin"><p style="text-align:right"><font>Nguồn: ${p.credit}</font></p></div>` : ''}
<div class="related"><h3>Tin liên quan</h3><div class="listnews_item"><a href="/vn/tin-tuc/13200/b.aspx">Hợp tác khoa học với Nhật Bản</a> <span>Ngày 05/12/2017</span></div></div>
</body></html>`;
}

export function newPortalPage(p: PageText, iso: string): string {
  return `<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">
<title>${p.title} - Bộ Khoa học và Công nghệ</title>
<meta property="og:type" content="article"><meta property="og:site_name" content="Bộ Khoa học và Công nghệ">
${p.canonical ? `<link rel="canonical" href="${p.canonical}">` : ''}
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":${JSON.stringify(p.title)},"datePublished":"${iso}"}</script>
</head><body>
<nav><a href="/tin-tuc-su-kien.htm">Tin tức - Sự kiện</a></nav>
<h1 class="detail-title">${p.title}</h1>
<div class="detail-time">Thứ Hai, ${p.printed}</div>
<h2 class="detail-sapo">${p.lead}</h2>
<div class="detail-content afcbc-body" data-role="content">
${p.paragraphs
  .map(
    (t, i) =>
      `<p>${t}</p>${i === 0 && p.caption ? `\n<figure><img src="/anh.jpg"><figcaption class="PhotoCMS_Caption"><p>${p.caption}</p></figcaption></figure>` : ''}`,
  )
  .join('\n')}
${p.author ? `<p style="text-align:right"><strong>${p.author}</strong></p>` : ''}
</div>
<div class="box-tin-lien-quan"><p><a href="/a-197250610.htm">Hợp tác khoa học với Thụy Điển</a></p></div>
</body></html>`;
}

export const KOREA: PageText = {
  title: 'Việt Nam và Hàn Quốc ký kết hợp tác về đo lường',
  printed: '07/12/2017 09:15',
  lead: 'Ngày 6/12/2017, tại Hà Nội, Tổng cục Tiêu chuẩn Đo lường Chất lượng và Viện Tiêu chuẩn Hàn Quốc đã ký biên bản ghi nhớ về hợp tác đo lường giai đoạn 2018 - 2020.',
  paragraphs: [
    'Theo biên bản, hai bên sẽ trao đổi chuyên gia, tổ chức các khóa đào tạo chung về hiệu chuẩn thiết bị đo và chia sẻ kinh nghiệm xây dựng chuẩn quốc gia trong các lĩnh vực khối lượng, nhiệt độ và áp suất.',
    'Phát biểu tại buổi lễ, đại diện Tổng cục cho biết hợp tác với Hàn Quốc giúp các phòng thí nghiệm của Việt Nam sớm đạt được sự thừa nhận lẫn nhau trong khu vực châu Á - Thái Bình Dương.',
    'Hai bên cũng thống nhất sẽ họp rà soát kết quả hợp tác mỗi năm một lần, luân phiên tại Hà Nội và Seoul.',
  ],
  caption: 'Quang cảnh lễ ký kết biên bản ghi nhớ',
  credit: 'Tổng cục Tiêu chuẩn Đo lường Chất lượng',
};

export const FINLAND: PageText = {
  title: 'Thúc đẩy hợp tác đổi mới sáng tạo Việt Nam - Phần Lan',
  printed: '16/06/2025 20:13',
  lead: 'Chiều 16/6, Thứ trưởng Bộ Khoa học và Công nghệ tiếp Đại sứ Phần Lan tại Việt Nam, trao đổi về các chương trình hợp tác đổi mới sáng tạo giai đoạn tới.',
  paragraphs: [
    'Tại buổi tiếp, hai bên đánh giá chương trình đối tác đổi mới sáng tạo đã hỗ trợ hàng trăm doanh nghiệp khởi nghiệp của Việt Nam tiếp cận chuyên gia và nhà đầu tư Phần Lan.',
    'Đại sứ Phần Lan đề nghị mở rộng hợp tác sang lĩnh vực chuyển đổi số và công nghệ xanh, đồng thời kết nối các vườn ươm của hai nước.',
    'Thứ trưởng đề nghị hai bên sớm hoàn thiện văn kiện giai đoạn mới để trình cấp có thẩm quyền trong năm 2025.',
  ],
  caption: 'Thứ trưởng tiếp Đại sứ Phần Lan. Ảnh: Minh Anh',
  author: 'Minh Anh',
};

/** A listing of the current portal: teasers, each with its link and date. */
export function listingPage(n = 20): string {
  return `<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Khoa học và công nghệ - Bộ Khoa học và Công nghệ</title></head><body>
<h1>Khoa học và công nghệ</h1>
${Array.from({ length: n }, (_, i) => `<div class="box-stream-item"><h3><a href="/tin-${i}-1972506${String(10 + i)}.htm">Tin hoạt động khoa học và công nghệ số ${i + 1} trong tháng sáu năm nay</a></h3><span class="time">${10 + (i % 9)}/06/2025</span><p><a href="/tin-${i}-1972506${String(10 + i)}.htm">Tóm tắt ngắn của tin số ${i + 1}.</a></p></div>`).join('\n')}
</body></html>`;
}

/** The n-th of a series of distinct news items of the current portal (for feeds). */
export function seriesPage(n: number): { page: PageText; iso: string; path: string } {
  const day = String(1 + (n % 28)).padStart(2, '0');
  const topics = ['đo lường', 'tiêu chuẩn', 'năng lượng nguyên tử', 'chuyển đổi số', 'sở hữu trí tuệ', 'đổi mới sáng tạo', 'công nghệ sinh học'];
  const topic = topics[n % topics.length] as string;
  const partner = ['Hàn Quốc', 'Nhật Bản', 'Phần Lan', 'Ấn Độ', 'Pháp', 'Australia', 'Israel', 'Canada'][n % 8] as string;
  const page: PageText = {
    title: `Hợp tác ${topic} với ${partner}: bản tin số ${n}`,
    printed: `${day}/05/2025 08:30`,
    lead: `Ngày ${Number(day)}/5/2025, Bộ Khoa học và Công nghệ làm việc với đoàn ${partner} về hợp tác ${topic}, bản tin số ${n} của chuỗi tin hợp tác quốc tế.`,
    paragraphs: [
      `Hai bên trao đổi kế hoạch hợp tác ${topic} giai đoạn tới, trong đó có đào tạo chuyên gia và nghiên cứu chung mang mã số HT-${n}.`,
      `Đại diện ${partner} đề nghị tổ chức hội thảo chung về ${topic} trong quý III năm 2025 tại Hà Nội.`,
    ],
  };
  return { page, iso: `2025-05-${day}T08:30:00+07:00`, path: `/hop-tac-${n}-1972505${day}0830${String(n).padStart(4, '0')}.htm` };
}

export function rssFeed(items: { title: string; link: string; pubDate?: string }[], title = 'Tin tức - Sự kiện'): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>${title}</title><link>https://mst.gov.vn/</link>\n${items
    .map((i) => `<item><title><![CDATA[${i.title}]]></title><link>${i.link}</link>${i.pubDate ? `<pubDate>${i.pubDate}</pubDate>` : ''}</item>`)
    .join('\n')}\n</channel></rss>`;
}
