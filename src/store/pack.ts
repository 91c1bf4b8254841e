import fs from 'node:fs';
import { IndexError } from '../errors.js';

/**
 * A small container for typed arrays: magic, a JSON header naming each array's type, offset
 * and length, then the arrays, 8-byte aligned. Reading is one file read and zero-copy views,
 * which keeps cold start fast at newsroom scale.
 */
const MAGIC = 0x3150434b; // "KCP1"

type ArrayKind = 'u8' | 'u16' | 'u32' | 'i32' | 'f32';
export type PackArray = Uint8Array | Uint16Array | Uint32Array | Int32Array | Float32Array;

const KIND: Record<ArrayKind, { bytes: number; make: (b: ArrayBuffer, o: number, n: number) => PackArray }> = {
  u8: { bytes: 1, make: (b, o, n) => new Uint8Array(b, o, n) },
  u16: { bytes: 2, make: (b, o, n) => new Uint16Array(b, o, n) },
  u32: { bytes: 4, make: (b, o, n) => new Uint32Array(b, o, n) },
  i32: { bytes: 4, make: (b, o, n) => new Int32Array(b, o, n) },
  f32: { bytes: 4, make: (b, o, n) => new Float32Array(b, o, n) },
};

function kindOf(a: PackArray): ArrayKind {
  if (a instanceof Uint8Array) return 'u8';
  if (a instanceof Uint16Array) return 'u16';
  if (a instanceof Uint32Array) return 'u32';
  if (a instanceof Int32Array) return 'i32';
  return 'f32';
}

const align8 = (n: number) => (n + 7) & ~7;

/**
 * A pack as the byte ranges that make it, in order: the header, then each array's own bytes
 * (views, not copies) with the zero padding that aligns the next one. Writing these ranges one
 * after another gives the same file as `encodePack`, without a second copy of the arrays.
 */
export function packParts(arrays: Record<string, PackArray>, meta: Record<string, unknown> = {}): Uint8Array[] {
  const entries = Object.entries(arrays);
  const layout: Array<{ name: string; type: ArrayKind; offset: number; length: number }> = [];
  let offset = 0;
  for (const [name, a] of entries) {
    layout.push({ name, type: kindOf(a), offset, length: a.length });
    offset = align8(offset + a.byteLength);
  }
  const header = Buffer.from(JSON.stringify({ meta, arrays: layout }), 'utf8');
  const dataStart = align8(8 + header.length);
  const head = Buffer.alloc(dataStart);
  head.writeUInt32LE(MAGIC, 0);
  head.writeUInt32LE(header.length, 4);
  header.copy(head, 8);
  const parts: Uint8Array[] = [head];
  for (const [, a] of entries) {
    if (a.byteLength > 0) parts.push(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
    const pad = align8(a.byteLength) - a.byteLength;
    if (pad > 0) parts.push(new Uint8Array(pad));
  }
  return parts;
}

export function encodePack(arrays: Record<string, PackArray>, meta: Record<string, unknown> = {}): Buffer {
  return Buffer.concat(packParts(arrays, meta));
}

export interface Pack {
  meta: Record<string, unknown>;
  get<T extends PackArray>(name: string): T;
}

type PackHeader = { meta: Record<string, unknown>; arrays: Array<{ name: string; type: ArrayKind; offset: number; length: number }> };
type Damaged = (reason: string, cause?: unknown) => IndexError;

/** Makes the errors for a damaged pack: "`what` `reason`; `hint`", as `index-corrupt`. */
function damageOf(what: string, hint: string): Damaged {
  return (reason, cause) => new IndexError('index-corrupt', `${what} ${reason}${hint ? `; ${hint}` : ''}`, cause === undefined ? undefined : { cause });
}

/** Parses a pack's JSON header (the bytes after its magic number and length). */
function parseHeader(bytes: Buffer, damaged: Damaged): PackHeader {
  try {
    const header = JSON.parse(bytes.toString('utf8')) as PackHeader;
    if (!Array.isArray(header?.arrays)) throw new TypeError('the header lists no arrays');
    return header;
  } catch (err) {
    throw damaged('has an unreadable header', err);
  }
}

/**
 * Reads a pack. `what` names it in messages ("index at … is damaged: seg-…/data.pack …") and
 * `hint` says what to do about a damaged one; any damage is an `index-corrupt` IndexError.
 */
export function decodePack(buf: Buffer, what: string, hint = ''): Pack {
  const damaged = damageOf(what, hint);
  if (buf.length < 8 || buf.readUInt32LE(0) !== MAGIC) throw damaged('is not a kiemchung data file');
  const hlen = buf.readUInt32LE(4);
  const header = parseHeader(buf.subarray(8, 8 + hlen), damaged);
  const dataStart = align8(8 + hlen);
  // Views straight onto the file's bytes when they are 8-byte aligned (a whole-file read is);
  // otherwise (a small Buffer from Node's shared pool) a copy into an aligned buffer.
  const inPlace = (buf.byteOffset + dataStart) % 8 === 0;
  const ab = inPlace ? (buf.buffer as ArrayBuffer) : new ArrayBuffer(buf.length - dataStart);
  const base = inPlace ? buf.byteOffset + dataStart : 0;
  if (!inPlace) new Uint8Array(ab).set(buf.subarray(dataStart));
  const size = buf.length - dataStart;
  const arrays = new Map<string, PackArray>();
  for (const a of header.arrays) {
    const k = KIND[a.type];
    if (!k || a.offset + a.length * k.bytes > size) throw damaged(`has an array (${a.name}) out of bounds`);
    arrays.set(a.name, k.make(ab, base + a.offset, a.length));
  }
  return packOf(header.meta, arrays, what, hint);
}

/** Where one array of a pack lies in its file. */
export interface PackEntry {
  type: ArrayKind;
  /** Byte offset of its first element in the file. */
  at: number;
  length: number;
  byteLength: number;
}

/** A pack's header as read from the start of its file: its meta and where each array lies. */
export interface PackLayout {
  meta: Record<string, unknown>;
  arrays: Map<string, PackEntry>;
  /** Where array `name` lies; an `index-corrupt` error when the pack has none. */
  entry(name: string): PackEntry;
}

/** Bytes read first when only a pack's header is wanted (larger headers take a second read). */
const HEAD_READ = 16 << 10;

/**
 * The layout of the pack in open file `fd` of `size` bytes, read from its first bytes without
 * reading its arrays. Damage is reported as `decodePack` reports it.
 */
export function readPackLayout(fd: number, size: number, what: string, hint = ''): PackLayout {
  const damaged = damageOf(what, hint);
  let head = Buffer.alloc(Math.min(size, HEAD_READ));
  const got = fs.readSync(fd, head, 0, head.length, 0);
  if (got < 8 || head.readUInt32LE(0) !== MAGIC) throw damaged('is not a kiemchung data file');
  const hlen = head.readUInt32LE(4);
  if (8 + hlen > size) throw damaged('has an unreadable header', new RangeError(`a header of ${hlen} bytes in a file of ${size}`));
  if (8 + hlen > got) {
    head = Buffer.alloc(8 + hlen);
    fs.readSync(fd, head, 0, head.length, 0);
  }
  const header = parseHeader(head.subarray(8, 8 + hlen), damaged);
  const dataStart = align8(8 + hlen);
  const arrays = new Map<string, PackEntry>();
  for (const a of header.arrays) {
    const k = KIND[a.type];
    if (!k || dataStart + a.offset + a.length * k.bytes > size) throw damaged(`has an array (${a.name}) out of bounds`);
    arrays.set(a.name, { type: a.type, at: dataStart + a.offset, length: a.length, byteLength: a.length * k.bytes });
  }
  return {
    meta: header.meta,
    arrays,
    entry(name: string): PackEntry {
      const e = arrays.get(name);
      if (!e) throw damaged(`has no array ${name}`);
      return e;
    },
  };
}

/** A typed array of `e`'s kind over `bytes` (which hold exactly its elements, 8-byte aligned). */
export function packArray(e: PackEntry, bytes: Uint8Array): PackArray {
  return KIND[e.type].make(bytes.buffer as ArrayBuffer, bytes.byteOffset, e.length);
}

/** A pack over arrays already read. */
export function packOf(meta: Record<string, unknown>, arrays: Map<string, PackArray>, what: string, hint = ''): Pack {
  const damaged = damageOf(what, hint);
  return {
    meta,
    get<T extends PackArray>(name: string): T {
      const a = arrays.get(name);
      if (!a) throw damaged(`has no array ${name}`);
      return a as T;
    },
  };
}

/** A growable typed array for builders. */
export class Grow<T extends Uint32Array | Uint16Array | Uint8Array | Float32Array> {
  /** The backing array: valid up to `length`, replaced when it grows. */
  buf: T;
  length = 0;
  constructor(
    private readonly ctor: new (n: number) => T,
    initial = 1024,
  ) {
    this.buf = new ctor(initial);
  }
  push(v: number): void {
    if (this.length === this.buf.length) {
      const next = new this.ctor(this.buf.length * 2);
      (next as unknown as { set(a: ArrayLike<number>): void }).set(this.buf);
      this.buf = next;
    }
    this.buf[this.length++] = v;
  }
  finish(): T {
    return this.buf.slice(0, this.length) as T;
  }
}
