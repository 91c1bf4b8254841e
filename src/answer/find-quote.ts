/**
 * Quote matching: whether text an answer presents as a quote is verbatim in a paragraph, and
 * the paragraph's own characters for it.
 */
import { normalizeSpace } from '../text/normalize.js';

const ELISION = /\s*(?:\[\s*(?:…|\.\.\.)\s*\]|\(\s*(?:…|\.\.\.)\s*\)|…|\.\.\.)\s*/u;

/** Normalised comparison form: NFC, one space, typographic apostrophes made plain. */
function norm(text: string): string {
  return normalizeSpace(text).replace(/[’‘]/g, "'");
}

function trimPunct(s: string): string {
  return s.replace(/^[\s.,;:!?…-]+|[\s.,;:!?…-]+$/gu, '');
}

/**
 * Where a quote occurs in a paragraph, as pieces (split at elisions) that must all occur in
 * order; null when it does not. The first letter's case may differ (a quote opening a sentence).
 */
export function findQuote(quote: string, paragraph: string): string[] | null {
  const pieces = norm(quote)
    .split(ELISION)
    .map(trimPunct)
    .filter((p) => p.length > 0);
  if (pieces.length === 0) return null;
  const para = norm(paragraph);
  let from = 0;
  for (const [i, piece] of pieces.entries()) {
    let at = para.indexOf(piece, from);
    if (at < 0 && i === 0) {
      const flipped = (piece[0] === piece[0]?.toUpperCase() ? piece[0]?.toLowerCase() : piece[0]?.toUpperCase()) + piece.slice(1);
      at = para.indexOf(flipped, from);
    }
    if (at < 0) return null;
    from = at + piece.length;
  }
  return pieces;
}

/** The original (un-normalised) text in `paragraph` that a normalised piece matches. */
export function originalSubstring(piece: string, paragraph: string): string | null {
  const tokens = piece.split(' ').map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/'/g, "['’‘]"));
  const re = new RegExp(tokens.join('\\s+'), 'iu');
  return re.exec(paragraph)?.[0] ?? null;
}
