import type { AddResult, AddedArticle, Lang } from '../../src/index.js';
import { articleDate } from './citations.js';
import { cleanText, safeUrl, truncateText } from './text.js';

/**
 * What both chat adapters need to add articles from chat (`/add`, a link in a private chat) and
 * to announce what the feeds brought: reading URLs from a message, the sentences, and what a
 * reply says about a stored article, before each platform's markup.
 */

/** URLs one `/add` takes at most (the engine's own limit is higher; chat replies must stay short). */
export const MAX_CHAT_URLS = 5;
/** Characters of the first paragraph shown in a reply or an announcement. */
export const FIRST_PARAGRAPH_CHARS = 600;

const URL_IN_TEXT = /https?:\/\/[^\s<>"'`]+/gi;

/** The http(s) URLs in a message, without trailing punctuation, at most `limit`. */
export function urlsIn(text: string, limit = MAX_CHAT_URLS): string[] {
  const out: string[] = [];
  for (const m of cleanText(text).matchAll(URL_IN_TEXT)) {
    const u = safeUrl(m[0].replace(/[.,;:!?)\]}»”]+$/, ''));
    if (u && !out.includes(u)) out.push(u);
    if (out.length >= limit) break;
  }
  return out;
}

/** True when a message is a link and nothing else (what a user pastes to have it added). */
export function isOnlyALink(text: string): boolean {
  const t = cleanText(text).trim();
  const urls = urlsIn(t, 2);
  return urls.length === 1 && t.replace(URL_IN_TEXT, '').replace(/[\s.,;:!?<>()]+/g, '') === '';
}

export interface AddMessages {
  usage: string;
  /** When what was given holds no http(s) address. */
  noUrl: string;
  working: (n: number) => string;
  /** Heading of a reply, by the result's status. */
  status: Record<AddResult['status'], string>;
  confirm: string;
  confirmButton: string;
  confirmExpired: string;
  /** To anyone outside ADMIN_IDS who tries to add. */
  notAllowed: string;
  paragraphs: (n: number) => string;
  id: string;
  announce: (n: number) => string;
}

const vi: AddMessages = {
  usage: 'Cách dùng: /add <đường dẫn bài viết> (tối đa 5 đường dẫn).',
  noUrl: 'Không thấy đường dẫn http:// hoặc https:// nào để thêm.',
  working: (n) => (n === 1 ? 'Đang lấy bài viết…' : `Đang lấy ${n} bài viết…`),
  status: { added: 'Đã thêm bài', updated: 'Đã cập nhật bài', unchanged: 'Bài đã có trong kho', refused: 'Không thêm được', failed: 'Không lấy được trang' },
  confirm: 'Thêm bài này vào kho?',
  confirmButton: 'Thêm bài',
  confirmExpired: 'Nút này đã hết hạn; hãy gửi lại đường dẫn.',
  notAllowed: 'Chỉ quản trị viên mới thêm được bài viết vào kho. Bạn vẫn có thể đặt câu hỏi về các bài đã lưu.',
  paragraphs: (n) => `${n} đoạn`,
  id: 'mã bài',
  announce: (n) => (n === 1 ? 'Bài mới từ nguồn tin theo dõi' : `${n} bài mới từ nguồn tin theo dõi`),
};

const en: AddMessages = {
  usage: 'Usage: /add <article URL> (up to 5 URLs).',
  noUrl: 'There is no http:// or https:// address to add.',
  working: (n) => (n === 1 ? 'Fetching the article…' : `Fetching ${n} articles…`),
  status: { added: 'Added', updated: 'Updated', unchanged: 'Already stored', refused: 'Not added', failed: 'Could not fetch the page' },
  confirm: 'Add this article to the archive?',
  confirmButton: 'Add article',
  confirmExpired: 'This button has expired; send the link again.',
  notAllowed: 'Only administrators can add articles to the archive. You can still ask about the stored ones.',
  paragraphs: (n) => `${n} paragraph${n === 1 ? '' : 's'}`,
  id: 'id',
  announce: (n) => (n === 1 ? 'New article from a followed feed' : `${n} new articles from followed feeds`),
};

export function addMessages(lang: Lang): AddMessages {
  return lang === 'en' ? en : vi;
}

/** What a reply says about one result, as plain text pieces (each platform adds its markup). */
export interface AddSummary {
  status: AddResult['status'];
  heading: string;
  /** For stored articles. */
  title?: string;
  /** "07/12/2017 09:15 · 4 đoạn · Nguồn · Tác giả". */
  meta?: string;
  articleId?: string;
  firstParagraph?: string;
  url?: string;
  /** For refusals and failures: the reason, with the URL. */
  reason?: string;
}

/** The date line of a stored article: date and time as printed, the event mark, paragraphs, source and author. */
export function articleLine(a: AddedArticle, lang: Lang): string {
  const m = addMessages(lang);
  const when = `${articleDate(a, lang)}${a.time ? ` ${a.time}` : ''}`;
  return [when, m.paragraphs(a.paragraphCount), a.source, a.author].filter(Boolean).join(' · ');
}

/**
 * The engine's reasons for not adding a page, written in English, as a Vietnamese reply words
 * them: the URL, HTTP status, byte counts, setting names and other technical detail kept as
 * they are. Applied in order, each to what the ones before left; a phrase none knows stays in English.
 */
const REASONS_VI: [RegExp, string][] = [
  [
    /robots\.txt of (\S+) cannot be read \((.*)\); nothing is fetched from that site until it can/g,
    'không đọc được robots.txt của $1 ($2); chưa lấy trang nào của trang web này cho đến khi đọc được',
  ],
  [/robots\.txt of (\S+) does not allow (\S+) to fetch this page/g, 'robots.txt của $1 không cho phép $2 lấy trang này'],
  [/not found \(HTTP 404\)/g, 'không tìm thấy trang (HTTP 404)'],
  [/gone \(HTTP 410\)/g, 'trang đã bị gỡ (HTTP 410)'],
  [/access denied \(HTTP (\d+)\)/g, 'bị từ chối truy cập (HTTP $1)'],
  [/the site asks us to slow down \(HTTP 429\)/g, 'trang web yêu cầu truy cập chậm lại (HTTP 429)'],
  [/the site failed \(HTTP (\d+)\)/g, 'trang web gặp lỗi (HTTP $1)'],
  [/unexpected HTTP status (\d+)/g, 'mã trạng thái HTTP bất thường $1'],
  [/redirect \(HTTP (\d+)\) without a Location header/g, 'chuyển hướng (HTTP $1) mà không có Location'],
  [/more than (\d+) redirects \(last: (\S+)\)/g, 'quá $1 lần chuyển hướng (lần cuối: $2)'],
  [/redirect loop \((.*)\)/g, 'chuyển hướng vòng lặp ($1)'],
  [/host name could not be resolved \(DNS failure\)/g, 'không phân giải được tên miền (lỗi DNS)'],
  [/host name not found/g, 'không tìm thấy tên miền'],
  [/(\S+) has no address/g, '$1 không có địa chỉ IP'],
  [/connection refused/g, 'kết nối bị từ chối'],
  [/connection reset by the site/g, 'trang web ngắt kết nối'],
  [/connection closed by the site/g, 'trang web đóng kết nối'],
  [/connection timed out/g, 'hết thời gian chờ kết nối'],
  [/host unreachable/g, 'không tới được máy chủ'],
  [/network unreachable/g, 'không tới được mạng'],
  [/TLS certificate problem/g, 'lỗi chứng chỉ TLS'],
  [/network error/g, 'lỗi mạng'],
  [/no complete response within ([\d.]+) s/g, 'không nhận đủ phản hồi trong $1 giây'],
  [/the request was cancelled/g, 'yêu cầu đã bị hủy'],
  [/the connection closed before the whole body arrived/g, 'kết nối đóng trước khi nhận hết nội dung'],
  [/the connection closed after (\d+) of (\d+) bytes/g, 'kết nối đóng sau $1 trên $2 byte'],
  [/the body is (\d+) bytes, more than the (\d+) allowed/g, 'nội dung dài $1 byte, quá mức $2 byte cho phép'],
  [/the body is larger than the (\d+) bytes allowed/g, 'nội dung dài hơn mức $1 byte cho phép'],
  [/expected (\S+) but the site sent/g, 'cần $1 nhưng trang web gửi'],
  [/is a (loopback|private|link-local) address; refused/g, 'là địa chỉ $1; bị từ chối'],
  [/; refused \(set (\S+) to allow local addresses\)/g, '; bị từ chối (đặt $1 để cho phép địa chỉ nội bộ)'],
  [/not an article: it is a site's home page/g, 'không phải bài viết: đây là trang chủ của một trang web'],
  [/not an article:/g, 'không phải bài viết:'],
  [
    /this is a feed or sitemap, not an article page; add it with "([^"]+)"/g,
    'đây là nguồn tin (feed) hoặc sitemap, không phải trang bài viết; hãy thêm bằng "$1"',
  ],
  [/only Vietnamese and English articles are stored/g, 'chỉ lưu bài tiếng Việt và tiếng Anh'],
];

/** A reason for not adding a page, in the reply's language (the engine writes it in English). */
export function reasonIn(reason: string, lang: Lang): string {
  return lang === 'vi' ? REASONS_VI.reduce((text, [pattern, vi]) => text.replace(pattern, vi), reason) : reason;
}

export function summarise(r: AddResult, lang: Lang): AddSummary {
  const m = addMessages(lang);
  const a = r.article;
  if (a && (r.status === 'added' || r.status === 'updated' || r.status === 'unchanged')) {
    const url = safeUrl(a.url);
    return {
      status: r.status,
      heading: m.status[r.status],
      title: a.title,
      meta: articleLine(a, lang),
      articleId: a.articleId,
      firstParagraph: truncateText(a.firstParagraph, FIRST_PARAGRAPH_CHARS),
      ...(url ? { url } : {}),
    };
  }
  return { status: r.status, heading: m.status[r.status], reason: truncateText(r.reason ? reasonIn(r.reason, lang) : r.url, 600) };
}

/**
 * Links waiting for an administrator's "add" button: the button carries a short token (callback
 * data is small), the link stays here for an hour.
 */
export interface PendingLinks {
  put(url: string, userId: number | string): string;
  /** The link of a token, for that user only; null when unknown, expired or someone else's. */
  take(token: string, userId: number | string): string | null;
}

export function createPendingLinks(options: { ttlMs?: number; max?: number; now?: () => number; token?: () => string } = {}): PendingLinks {
  const ttl = options.ttlMs ?? 3_600_000;
  const max = options.max ?? 1000;
  const now = options.now ?? Date.now;
  const token = options.token ?? (() => Math.random().toString(36).slice(2, 12));
  const links = new Map<string, { url: string; user: string; at: number }>();
  return {
    put(url, userId) {
      const t = now();
      for (const [k, v] of links) if (t - v.at > ttl || links.size >= max) links.delete(k);
      let k = token();
      while (links.has(k)) k = token();
      links.set(k, { url, user: String(userId), at: t });
      return k;
    },
    take(k, userId) {
      const v = links.get(k);
      if (!v || now() - v.at > ttl || v.user !== String(userId)) return null;
      links.delete(k);
      return v.url;
    },
  };
}
