import { describe, expect, it } from 'vitest';
import { Lru } from '../../src/store/lru.js';

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
    lru.set('c', 3); // a and b were both read: a, the older, goes; b is passed over and counts as used now
    expect(lru.get('a')).toBeUndefined();
    lru.set('d', 4); // c, never read, goes before b
    expect(['b', 'c', 'd'].map((k) => lru.get(k))).toEqual([2, undefined, 4]);
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
});
