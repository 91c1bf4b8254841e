import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CorpusUrls } from '../../src/ingest/corpus-urls.js';
import { cleanUrl, urlKey } from '../../src/ingest/url-key.js';
import { tempDir } from '../support/corpus.js';

const file = (id: string, url: string, extra = '') => `---\nid: ${id}\ntitle: Bài\ndate: 2024-01-02\nsource: Nguồn\nurl: '${url}'\n${extra}---\n\nĐoạn.\n`;

describe('which article an address belongs to', () => {
  it('finds articles by the index and their files, and scans once when a file was moved', () => {
    const dir = tempDir('kc-urls-');
    fs.writeFileSync(path.join(dir, 'a.md'), file('a', 'https://mst.gov.vn/a-1.htm', 'extracted_hash: 0123456789abcdef\n'));
    fs.mkdirSync(path.join(dir, '2024'));
    fs.writeFileSync(path.join(dir, '2024', 'b.md'), file('b', 'https://mst.gov.vn/b-2.htm', 'fetched_url: "https://mst.gov.vn/tin/b"\n'));
    let reads = 0;
    const urls = new CorpusUrls(dir, () => {
      reads++;
      return [
        { id: 'a', url: 'https://mst.gov.vn/a-1.htm' },
        { id: 'b', url: 'https://mst.gov.vn/b-2.htm' },
      ];
    });
    expect(urls.find(['http://www.mst.gov.vn/a-1.htm?utm_source=zalo#top'])).toMatchObject({
      id: 'a',
      extractedHash: '0123456789abcdef',
      file: path.join(dir, 'a.md'),
    });
    expect(urls.find(['https://mst.gov.vn/b-2.htm'])).toMatchObject({ id: 'b', fetchedUrl: 'https://mst.gov.vn/tin/b', file: path.join(dir, '2024', 'b.md') });
    expect(urls.find(['https://mst.gov.vn/tin/b'])?.id).toBe('b');
    expect(urls.find(['https://mst.gov.vn/khac.htm'])).toBeUndefined();
    expect(reads).toBe(1);
    expect(urls.hasId('a')).toBe(true);
    expect(urls.hasId('c')).toBe(false);
  });

  it('treats addresses a reader calls the same as one', () => {
    expect(urlKey('https://www.mst.gov.vn/tin/a.htm?b=2&a=1&utm_medium=x#p')).toBe(urlKey('http://mst.gov.vn/tin/a.htm?a=1&b=2'));
    expect(urlKey('https://mst.gov.vn/tin/')).toBe(urlKey('https://mst.gov.vn/tin'));
    expect(urlKey('https://mst.gov.vn/tin/a.htm?id=1')).not.toBe(urlKey('https://mst.gov.vn/tin/a.htm?id=2'));
    expect(cleanUrl('https://mst.gov.vn/a.htm?id=3&fbclid=xyz#x')).toBe('https://mst.gov.vn/a.htm?id=3');
  });
});
