/**
 * A map that forgets its least recently used entries once it holds more than `max`: entries
 * counted one each, or weighed by `weight` (bytes, say) when it is given.
 */
export class Lru<K, V> {
  private readonly map = new Map<K, V>();
  private held = 0;

  constructor(
    private readonly max: number,
    private readonly weight: (value: V) => number = () => 1,
  ) {}

  get(key: K): V | undefined {
    const v = this.map.get(key);
    if (v !== undefined) {
      this.map.delete(key);
      this.map.set(key, v);
    }
    return v;
  }

  set(key: K, value: V): void {
    this.delete(key);
    this.map.set(key, value);
    this.held += this.weight(value);
    for (const [k, old] of this.map) {
      if (this.held <= this.max || k === key) break;
      this.map.delete(k);
      this.held -= this.weight(old);
    }
  }

  delete(key: K): void {
    const v = this.map.get(key);
    if (v === undefined) return;
    this.map.delete(key);
    this.held -= this.weight(v);
  }

  /** Forgets every entry whose key `drop` accepts. */
  deleteWhere(drop: (key: K) => boolean): void {
    for (const k of [...this.map.keys()]) if (drop(k)) this.delete(k);
  }

  clear(): void {
    this.map.clear();
    this.held = 0;
  }
}
