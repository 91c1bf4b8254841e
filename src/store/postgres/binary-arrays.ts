/** Arrays and vectors in PostgreSQL's binary forms, as the database store reads them (base64 of `array_send` / `vector_send`). */

/** The integers of a one-dimensional int4[] in PostgreSQL's binary form (\`array_send\`), without nulls. */
export function int4Array(b: Buffer): Int32Array {
  const n = b.length >= 20 && b.readInt32BE(0) === 1 ? b.readInt32BE(12) : 0;
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = b.readInt32BE(24 + 8 * i);
  return out;
}

/** The same from its base64 text (\`encode(array_send(…), 'base64')\`); none for null, as for an empty aggregate. */
export function int4ArrayOf(base64: string | null | undefined): Int32Array {
  return base64 ? int4Array(Buffer.from(base64, 'base64')) : new Int32Array(0);
}

/** The numbers of a one-dimensional real[] in PostgreSQL's binary form (\`array_send\`), without nulls. */
export function float4Array(b: Buffer): Float32Array {
  const n = b.length >= 20 && b.readInt32BE(0) === 1 ? b.readInt32BE(12) : 0;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = b.readFloatBE(24 + 8 * i);
  return out;
}

/** `n` vectors of `d` dimensions from pgvector's binary form (\`vector_send\`: two 2-byte counts, then 4-byte floats), concatenated. */
export function vectorsOf(b: Buffer, n: number, d: number): Float32Array {
  const per = 4 + 4 * d;
  if (b.length !== n * per) throw new Error(`${b.length} bytes of vectors for ${n} passages of ${d} dimensions`);
  const out = new Float32Array(n * d);
  for (let i = 0; i < n; i++) {
    if (b.readInt16BE(i * per) !== d) throw new Error(`a vector of ${b.readInt16BE(i * per)} dimensions where ${d} were expected`);
    for (let j = 0; j < d; j++) out[i * d + j] = b.readFloatBE(i * per + 4 + 4 * j);
  }
  return out;
}
