import { describe, expect, it } from 'vitest';
import { reasonIn, summarise } from '../../adapters/shared/add.js';

describe('reasons for not adding a page', () => {
  it('are given in the reply’s language, keeping the URL and the technical detail', () => {
    const robots =
      'https://most.gov.vn/tin-tuc/abc.htm: robots.txt of https://most.gov.vn cannot be read (network error (getaddrinfo ENOTFOUND most.gov.vn)); nothing is fetched from that site until it can';
    expect(reasonIn(robots, 'vi')).toBe(
      'https://most.gov.vn/tin-tuc/abc.htm: không đọc được robots.txt của https://most.gov.vn (lỗi mạng (getaddrinfo ENOTFOUND most.gov.vn)); chưa lấy trang nào của trang web này cho đến khi đọc được',
    );
    expect(reasonIn(robots, 'en')).toBe(robots);
    expect(reasonIn('https://a.vn/x: host name not found', 'vi')).toBe('https://a.vn/x: không tìm thấy tên miền');
    expect(reasonIn("https://a.vn/: not an article: it is a site's home page", 'vi')).toBe(
      'https://a.vn/: không phải bài viết: đây là trang chủ của một trang web',
    );
    expect(reasonIn('https://a.vn/x: the site failed (HTTP 503)', 'vi')).toBe('https://a.vn/x: trang web gặp lỗi (HTTP 503)');
    expect(summarise({ url: 'https://a.vn/x', status: 'failed', reason: 'https://a.vn/x: access denied (HTTP 403)' }, 'vi').reason).toBe(
      'https://a.vn/x: bị từ chối truy cập (HTTP 403)',
    );
  });
});
