import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Lru, ParagraphMemo } from '../../src/store/lru.js';

describe('Lru', () => {
  it('forgets the least recently used entries beyond its count', () => {
    const lru = new Lru<string, number>(2);
    lru.set('a', 1);
    lru.set('b', 2);
    expect(lru.get('a')).toBe(1); // a is now the most recent
    lru.set('c', 3);
    expect(lru.get('b')).toBeUndefined();
    expect(lru.get('a')).toBe(1);
    expect(lru.get('c')).toBe(3);
  });

  it('forgets the oldest when every entry was read, and counts a read entry passed over as newly used', () => {
    const lru = new Lru<string, number>(2);
    lru.set('a', 1);
    lru.set('b', 2);
    lru.get('a');
    lru.get('b');
    lru.set('c', 3); // a and b were both read: a, the older, goes; b is passed over and counts as used then, before c is stored
    expect(lru.get('a')).toBeUndefined();
    lru.set('d', 4); // b, not read again since, is now the oldest and goes; c stays
    expect(['b', 'c', 'd'].map((k) => lru.get(k))).toEqual([undefined, 3, 4]);
  });

  it('weighs entries when given a weight, and keeps the newest even when it alone is over', () => {
    const lru = new Lru<number, Uint32Array>(64, (v) => v.byteLength);
    lru.set(1, new Uint32Array(8)); // 32 bytes
    lru.set(2, new Uint32Array(4)); // 16
    lru.set(3, new Uint32Array(4)); // 16: 64 in all, nothing forgotten
    expect([1, 2, 3].map((k) => lru.get(k) !== undefined)).toEqual([true, true, true]);
    lru.set(4, new Uint32Array(2)); // 8 more: the oldest (1, 32 bytes) goes
    expect([1, 2, 3, 4].map((k) => lru.get(k) !== undefined)).toEqual([false, true, true, true]);
    lru.set(2, new Uint32Array(4)); // replacing an entry does not count it twice
    expect([2, 3, 4].map((k) => lru.get(k) !== undefined)).toEqual([true, true, true]);
    lru.set(5, new Uint32Array(32)); // 128 bytes: everything else goes, it stays
    expect([2, 3, 4, 5].map((k) => lru.get(k) !== undefined)).toEqual([false, false, false, true]);
  });

  it('forgets the entries whose keys a predicate accepts, and their weight with them', () => {
    const lru = new Lru<number, Uint32Array>(48, (v) => v.byteLength);
    for (const k of [10, 11, 20, 21]) lru.set(k, new Uint32Array(2));
    lru.deleteWhere((k) => Math.floor(k / 10) === 1);
    expect([10, 11, 20, 21].map((k) => lru.get(k) !== undefined)).toEqual([false, false, true, true]);
    lru.set(30, new Uint32Array(8)); // 16 + 32 = 48: fits only because the forgotten weight was released
    expect([20, 21, 30].map((k) => lru.get(k) !== undefined)).toEqual([true, true, true]);
  });

  it('weighs an entry by its key too when told to (texts kept as keys)', () => {
    const lru = new Lru<string, boolean>(20, (_, key) => key.length);
    lru.set('aaaaaaaa', true); // 8
    lru.set('bbbbbbbb', false); // 16
    expect(lru.get('aaaaaaaa')).toBe(true);
    lru.set('cccccccc', true); // 24: the oldest not read since goes
    expect(['aaaaaaaa', 'bbbbbbbb', 'cccccccc'].map((k) => lru.get(k))).toEqual([true, undefined, true]);
  });

  it('keeps and forgets what a clock over a plain list would, over any sequence of reads, writes and deletions', () => {
    // The reference: entries oldest first; room is made before a new entry is stored by looking at the oldest.
    type Op =
      | { op: 'set'; key: number; weight: number }
      | { op: 'get'; key: number }
      | { op: 'delete'; key: number }
      | { op: 'deleteWhere'; odd: boolean }
      | { op: 'clear' };
    const key = fc.integer({ min: 0, max: 11 });
    const op: fc.Arbitrary<Op> = fc.oneof(
      { arbitrary: fc.record({ op: fc.constant('set' as const), key, weight: fc.integer({ min: 1, max: 4 }) }), weight: 6 },
      { arbitrary: fc.record({ op: fc.constant('get' as const), key }), weight: 4 },
      { arbitrary: fc.record({ op: fc.constant('delete' as const), key }), weight: 1 },
      { arbitrary: fc.record({ op: fc.constant('deleteWhere' as const), odd: fc.boolean() }), weight: 1 },
      { arbitrary: fc.constant({ op: 'clear' as const }), weight: 1 },
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.array(op, { minLength: 20, maxLength: 200, size: 'max' }), (max, ops) => {
        const lru = new Lru<number, number>(max, (value) => value);
        let list: Array<{ key: number; weight: number; used: boolean }> = [];
        let held = 0;
        const remove = (k: number) => {
          const i = list.findIndex((e) => e.key === k);
          if (i >= 0) held -= list.splice(i, 1)[0]!.weight;
        };
        for (const o of ops) {
          if (o.op === 'set') {
            lru.set(o.key, o.weight);
            remove(o.key);
            held += o.weight;
            while (held > max && list.length > 0) {
              const e = list.shift()!;
              if (e.used) list.push({ ...e, used: false });
              else held -= e.weight;
            }
            list.push({ key: o.key, weight: o.weight, used: false });
          } else if (o.op === 'get') {
            const e = list.find((x) => x.key === o.key);
            if (e) e.used = true;
            expect(lru.get(o.key)).toBe(e?.weight);
          } else if (o.op === 'delete') {
            lru.delete(o.key);
            remove(o.key);
          } else if (o.op === 'deleteWhere') {
            lru.deleteWhere((k) => k % 2 === (o.odd ? 1 : 0));
            for (const e of [...list]) if (e.key % 2 === (o.odd ? 1 : 0)) remove(e.key);
          } else {
            lru.clear();
            list = [];
            held = 0;
          }
        }
        // Read last, in one go: every key the reference keeps, and none other.
        const kept = new Map(list.map((e) => [e.key, e.weight]));
        for (let k = 0; k < 12; k++) expect(lru.get(k)).toBe(kept.get(k));
      }),
    );
  });
});

describe('ParagraphMemo', () => {
  it('works a paragraph out once for its text, and again when the paragraph has another text', () => {
    const memo = new ParagraphMemo<number>(1 << 20);
    const seen: string[] = [];
    const length = (text: string) => {
      seen.push(text);
      return text.length;
    };
    expect(memo.get('bai-a', 1, 'Hội nghị khai mạc.', length)).toBe(18);
    expect(memo.get('bai-a', 1, 'Hội nghị khai mạc.', length)).toBe(18);
    // Another paragraph, or the same one with another text (a newer generation).
    expect(memo.get('bai-a', 2, 'Hội nghị khai mạc.', length)).toBe(18);
    expect(memo.get('bai-a', 1, 'Bế mạc.', length)).toBe(7);
    expect(seen).toEqual(['Hội nghị khai mạc.', 'Hội nghị khai mạc.', 'Bế mạc.']);
  });

  it('forgets paragraphs beyond its bytes', () => {
    const memo = new ParagraphMemo<boolean>(600);
    let computed = 0;
    const yes = () => {
      computed++;
      return true;
    };
    for (let n = 1; n <= 10; n++) memo.get('bai', n, 'x'.repeat(50), yes);
    memo.get('bai', 1, 'x'.repeat(50), yes);
    expect(computed).toBe(11);
  });
});
