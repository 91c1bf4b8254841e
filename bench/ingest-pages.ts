/**
 * News pages and a feed for the ingestion benchmark: shaped like the ministry's current portal
 * (title, printed date, sapo, body, a captioned photo), each item with a phrase found in no
 * other article, so that "answerable" means a search for it finds that article first.
 */
const PARTNERS = ['Hàn Quốc', 'Nhật Bản', 'Phần Lan', 'Ấn Độ', 'Pháp', 'Australia', 'Israel', 'Canada', 'Đức', 'Singapore'];
const TOPICS = ['đo lường', 'tiêu chuẩn', 'năng lượng nguyên tử', 'chuyển đổi số', 'sở hữu trí tuệ', 'đổi mới sáng tạo', 'công nghệ sinh học', 'vật liệu mới'];

/** A code made of letters only, so that it is one unusual token to the index ("kcxqbmt"). */
function code(n: number): string {
  let s = 'kc';
  let x = n * 2654435761;
  for (let i = 0; i < 6; i++) {
    s += 'bcdfghjklmnpqrstvwxz'[Math.abs(x) % 20];
    x = Math.floor(x / 20) + n;
  }
  return s;
}

export function benchItem(n: number): { title: string; slug: string; phrase: string; day: number } {
  const partner = PARTNERS[n % PARTNERS.length] as string;
  const topic = TOPICS[n % TOPICS.length] as string;
  const c = code(n);
  return {
    title: `Hợp tác ${topic} với ${partner}, chương trình ${c}`,
    slug: `hop-tac-${c}-197250${String(10 + (n % 18)).padStart(2, '0')}${String(n).padStart(8, '0')}`,
    phrase: `chương trình ${c} hợp tác ${topic}`,
    day: 1 + (n % 28),
  };
}

export function benchPage(n: number): string {
  const it = benchItem(n);
  const partner = PARTNERS[n % PARTNERS.length] as string;
  const topic = TOPICS[n % TOPICS.length] as string;
  const day = String(it.day).padStart(2, '0');
  return `<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>${it.title} - Bộ Khoa học và Công nghệ</title>
<meta property="og:type" content="article"><meta property="og:site_name" content="Bộ Khoa học và Công nghệ">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":${JSON.stringify(it.title)},"datePublished":"2025-06-${day}T09:00:00+07:00"}</script>
</head><body><nav><a href="/">Trang chủ</a> <a href="/tin-tuc-su-kien.htm">Tin tức - Sự kiện</a></nav>
<h1 class="detail-title">${it.title}</h1><div class="detail-time">Thứ Hai, ${day}/06/2025 09:00</div>
<h2 class="detail-sapo">Ngày ${it.day}/6/2025, Bộ Khoa học và Công nghệ và đoàn công tác ${partner} đã thảo luận về ${it.phrase} trong giai đoạn 2025 - 2030.</h2>
<div class="detail-content"><p>Hai bên thống nhất thành lập nhóm công tác chung về ${topic}, họp định kỳ mỗi năm một lần để đánh giá tiến độ các dự án nghiên cứu và trao đổi chuyên gia.</p>
<figure><img src="/anh-${n}.jpg"><figcaption class="PhotoCMS_Caption"><p>Quang cảnh buổi làm việc. Ảnh: Bộ KH&amp;CN</p></figcaption></figure>
<p>Đại diện ${partner} đề nghị mở rộng hợp tác sang đào tạo nguồn nhân lực chất lượng cao và kết nối doanh nghiệp công nghệ của hai nước.</p>
<p>Thứ trưởng đề nghị các đơn vị chức năng sớm xây dựng kế hoạch triển khai cụ thể, báo cáo lãnh đạo Bộ trong quý III năm 2025.</p></div>
<div class="box-tin-lien-quan"><p><a href="/a.htm">Tin liên quan khác</a></p></div></body></html>`;
}

export function benchFeed(site: string, items: number[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Tin tức - Sự kiện</title><link>${site}/</link>${items
    .map((n) => {
      const it = benchItem(n);
      return `<item><title>${it.title}</title><link>${site}/tin-tuc/${it.slug}.htm</link><pubDate>${new Date(Date.UTC(2025, 5, it.day, 2, 0) + n).toUTCString()}</pubDate></item>`;
    })
    .join('')}</channel></rss>`;
}
