import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Engine, createEngine, silentLogger } from '../../src/index.js';
import { article, tempDir } from '../support/corpus.js';

/**
 * A sentence that opens by referring to the one before it ("Kết quả này …", "Đây là …") is
 * quoted from that one: the question repeats the referring sentence, and what it refers to is
 * the answer.
 */
let engine: Engine;
beforeAll(async () => {
  const dir = tempDir('kc-refers-');
  fs.writeFileSync(
    path.join(dir, 'nam.md'),
    article('nam-doc', 'Ngộ độc nấm rừng ở Lào Cai', [
      'Chiều 12/3, một nam thanh niên 24 tuổi nhập viện sau khi ăn nấm độc hái trong rừng. Kết quả này khiến các bác sĩ Bệnh viện Đa khoa tỉnh Lào Cai lo ngại về nấm rừng mùa mưa.',
    ]),
  );
  fs.writeFileSync(
    path.join(dir, 'ca.md'),
    article('ca-nuoc-ngot', 'Cá nước ngọt chết hàng loạt', [
      'Nhiệt độ nước sông tăng cao trong nhiều ngày liền. Sự việc khiến người nuôi cá lồng ở huyện Thanh Trì thiệt hại hàng trăm triệu đồng.',
    ]),
  );
  engine = await createEngine({ config: { corpus: dir, indexDir: tempDir() }, env: { KIEMCHUNG_MIN_CONFIDENCE: '0' }, logger: silentLogger });
});
afterAll(() => engine.close());

describe('quotes of a sentence that refers back', () => {
  it('start at the sentence it refers to', async () => {
    const a = await engine.ask('Điều gì khiến các bác sĩ Bệnh viện Đa khoa tỉnh Lào Cai lo ngại về nấm rừng mùa mưa?');
    expect(a.citations[0]?.articleId).toBe('nam-doc');
    expect(a.citations[0]?.quote.startsWith('Chiều 12/3, một nam thanh niên 24 tuổi nhập viện')).toBe(true);
    expect(a.citations[0]?.quote).toContain('lo ngại về nấm rừng mùa mưa');
  });

  it('start at the chosen sentence otherwise', async () => {
    const a = await engine.ask('Người nuôi cá lồng ở huyện Thanh Trì thiệt hại bao nhiêu?');
    expect(a.citations[0]?.articleId).toBe('ca-nuoc-ngot');
    expect(a.citations[0]?.quote.startsWith('Sự việc khiến người nuôi cá lồng')).toBe(true);
  });
});
