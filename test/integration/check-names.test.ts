import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkClaimOffline } from '../../src/check/check.js';
import { createCheckDeps } from '../../src/check/deps.js';
import type { Embedder } from '../../src/embed/embedder.js';
import { fusionFor } from '../../src/retrieve/retrieve.js';
import type { SegmentStore } from '../../src/store/segment-store.js';
import { article, tempDir } from '../support/corpus.js';
import { openEvalStore } from '../support/eval-store.js';

let store: SegmentStore;
let embedder: Embedder;

beforeAll(async () => {
  const dir = tempDir('kc-names-');
  fs.writeFileSync(
    path.join(dir, 'gap-mat.md'),
    article('gap-mat', 'Gặp mặt cựu cán bộ Đoàn', [
      'Sáng 25/3, Chủ tịch nước Trần Văn Thưởng dự buổi gặp mặt cựu cán bộ Đoàn các thời kỳ tại Hà Nội.',
      'Chủ tịch nước đánh giá cao Ban Liên lạc đã nỗ lực duy trì nhiều hoạt động có ý nghĩa, giúp gắn kết tình cảm giữa các cựu cán bộ.',
    ]),
  );
  fs.writeFileSync(
    path.join(dir, 'thong-tu.md'),
    article('thong-tu', 'Thông tư mới về đo lường', [
      'Thứ trưởng Phạm Văn Định cho biết thông tư mới về đo lường sẽ có hiệu lực từ tháng 7 năm 2024.',
      'Tỉnh Thái Bình đã hoàn thành việc kiểm định các phương tiện đo trong quý I.',
    ]),
  );
  ({ store, embedder } = await openEvalStore(dir));
});
afterAll(() => embedder?.close());

const check = async (claim: string) => (await checkClaimOffline(createCheckDeps(store, embedder, fusionFor(embedder.kind)), claim)).result.verdict;

describe('the claim check and names made of common words', () => {
  it('does not support a claim whose common word the source writes only inside a name', async () => {
    // "khen thưởng" is not said by "Chủ tịch nước Trần Văn Thưởng", nor "quy định" by "Phạm Văn Định".
    expect(await check('Chủ tịch nước khen thưởng cựu cán bộ Đoàn các thời kỳ tại Hà Nội.')).not.toBe('supported');
    expect(await check('Thông tư mới về đo lường quy định hiệu lực từ tháng 7 năm 2024.')).not.toBe('supported');
  });

  it('supports a claim that names the person or the place as the source does', async () => {
    expect(await check('Chủ tịch nước Trần Văn Thưởng dự buổi gặp mặt cựu cán bộ Đoàn.')).toBe('supported');
    expect(await check('Thứ trưởng Định cho biết thông tư mới về đo lường có hiệu lực từ tháng 7 năm 2024.')).toBe('supported');
    expect(await check('Tỉnh Thái Bình đã hoàn thành việc kiểm định các phương tiện đo.')).toBe('supported');
  });
});
