import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkClaimOffline } from '../../src/check/check.js';
import { createCheckDeps } from '../../src/check/deps.js';
import type { Embedder } from '../../src/embed/embedder.js';
import { fusionFor } from '../../src/retrieve/retrieve.js';
import { SegmentStore } from '../../src/store/segment-store.js';
import { openEvalStore } from '../support/eval-store.js';

const CORPUS = path.resolve('corpus');
let store: SegmentStore;
let embedder: Embedder;

beforeAll(async () => {
  ({ store, embedder } = await openEvalStore(CORPUS));
});
afterAll(() => embedder?.close());

/** The store's own check dependencies (which refuse a weight not looked up first), with the marks a claim typed without them is restored to given. */
const depsRestoring = (restored: string) => ({ ...createCheckDeps(store, embedder, fusionFor(embedder.kind)), restoreMarks: async () => restored });

describe('the claim check’s weights of the words the news may write instead', () => {
  it('are looked up for the claim as typed, whatever restoring its marks made of it', async () => {
    // "diễn ra" misread as "điện ra", "gặp" left unmarked: the phrases are still read in the claim as typed.
    const held = await checkClaimOffline(depsRestoring('Hội nghị điện ra ở Đà Nẵng'), 'Hoi nghi dien ra o Da Nang');
    expect(held.result.verdict).toBeDefined();
    const met = await checkClaimOffline(depsRestoring('ong Metzger gap ai o Hà Nội'), 'ong Metzger gap ai o Ha Noi');
    expect(met.result.evidence.length).toBeGreaterThan(0);
  });
});
