/**
 * Turning fetched bytes into text. Servers lie about encodings in both directions: pages
 * declare `gb2312` and are UTF-8, feeds carry ISO-8859-1 bytes with no declaration at all,
 * old Vietnamese sites use windows-1258 (tone marks as combining characters). The order:
 * a byte-order mark; bytes that are valid UTF-8 with some non-ASCII text (legacy text almost
 * never is); the HTTP charset; the document's own declaration (`<meta charset>`, the XML
 * declaration); bytes that read as Vietnamese in windows-1258 (a page that declares nothing, or
 * declares UTF-8 wrongly); otherwise windows-1252, of which ISO-8859-1 is a subset. The text is
 * returned in NFC.
 */

const utf8Strict = new TextDecoder('utf-8', { fatal: true });

/** The encoding name TextDecoder knows for a label, or null for labels it does not know. */
export function encodingFor(label: string | undefined | null): string | null {
  if (!label) return null;
  try {
    return new TextDecoder(label.trim().replace(/^["']|["']$/g, '')).encoding;
  } catch {
    return null;
  }
}

/** The charset parameter of a Content-Type header. */
export function charsetOf(contentType: string | undefined): string | null {
  const m = /;\s*charset\s*=\s*("?)([^";\s]+)\1/i.exec(contentType ?? '');
  return m ? (m[2] as string) : null;
}

/** The encoding a document declares in its first bytes (`<meta charset>`, http-equiv, `<?xml encoding>`). */
export function declaredEncoding(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('latin1');
  const xml = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([^"']+)["']/i.exec(head);
  if (xml) return xml[1] as string;
  const meta = /<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)/i.exec(head);
  return meta ? (meta[1] as string) : null;
}

function bomEncoding(bytes: Uint8Array): { encoding: string; skip: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', skip: 3 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', skip: 2 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', skip: 2 };
  return null;
}

export interface Decoded {
  text: string;
  /** The encoding used. */
  encoding: string;
  /** Where it came from: bom, utf-8 (valid UTF-8 bytes), http, document, content (Vietnamese in windows-1258), fallback. */
  by: 'bom' | 'utf-8' | 'http' | 'document' | 'content' | 'fallback';
}

/** Precomposed Vietnamese letters with a tone mark (ạ ả ấ … ỹ), and combining marks left over. */
const TONED = /[\u1EA0-\u1EF9]|\p{M}/u;

/**
 * Whether legacy bytes are Vietnamese in windows-1258: there, bytes 0xCC 0xD2 0xDE 0xEC 0xF2 are
 * the tone marks (grave, hook, tilde, acute, dot below) written after a letter, so read in
 * windows-1258 many words carry a toned Vietnamese letter ("hõòp" → "hợp"). Read in windows-1252
 * they are Ì Ò Þ ì ò, rare in any language (an Italian "però" now and then), and the text is
 * garbled ("Thúc ðâÒy hõòp tác").
 */
function vietnameseIn1258(bytes: Uint8Array): boolean {
  const text = new TextDecoder('windows-1258')
    .decode(bytes)
    .normalize('NFC')
    .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<[^>]*>/g, ' ');
  const words = text.split(/\s+/).filter((w) => /\p{L}/u.test(w));
  const toned = words.filter((w) => TONED.test(w)).length;
  return toned >= 5 && toned >= words.length * 0.1;
}

function hasNonAscii(bytes: Uint8Array): boolean {
  for (const b of bytes) if (b >= 0x80) return true;
  return false;
}

export function decodeBody(bytes: Uint8Array, httpCharset: string | null): Decoded {
  const done = (text: string, encoding: string, by: Decoded['by']): Decoded => ({ text: text.normalize('NFC'), encoding, by });
  const bom = bomEncoding(bytes);
  if (bom) return done(new TextDecoder(bom.encoding).decode(bytes.subarray(bom.skip)), bom.encoding, 'bom');
  const declaredHttp = encodingFor(httpCharset);
  const declaredDoc = encodingFor(declaredEncoding(bytes));
  if (hasNonAscii(bytes)) {
    try {
      return done(utf8Strict.decode(bytes), 'utf-8', 'utf-8');
    } catch {
      // Not UTF-8: a declared legacy encoding, else windows-1252.
    }
  }
  // Declared UTF-8 with a few broken sequences (a truncated character, a stray byte) stays
  // UTF-8; mostly broken means the declaration is wrong.
  if ((declaredHttp ?? declaredDoc) === 'utf-8') {
    const lossy = new TextDecoder('utf-8').decode(bytes);
    const broken = lossy.split('\uFFFD').length - 1;
    const wide = lossy.replace(/[\x00-\x7f]/g, '').length;
    if (broken <= Math.max(2, wide * 0.02)) return done(lossy, 'utf-8', declaredHttp ? 'http' : 'document');
  }
  const legacy = (e: string | null) => (e && e !== 'utf-8' && e !== 'utf-16le' && e !== 'utf-16be' ? e : null);
  const http = legacy(declaredHttp);
  if (http) return done(new TextDecoder(http).decode(bytes), http, 'http');
  const doc = legacy(declaredDoc);
  if (doc) return done(new TextDecoder(doc).decode(bytes), doc, 'document');
  if (!hasNonAscii(bytes)) return done(new TextDecoder('utf-8').decode(bytes), 'utf-8', declaredHttp ? 'http' : declaredDoc ? 'document' : 'utf-8');
  // Undeclared, or declared UTF-8 and not: old Vietnamese sites write windows-1258.
  if (vietnameseIn1258(bytes)) return done(new TextDecoder('windows-1258').decode(bytes), 'windows-1258', 'content');
  return done(new TextDecoder('windows-1252').decode(bytes), 'windows-1252', 'fallback');
}
