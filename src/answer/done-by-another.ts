import { findEntities } from '../dialogue/entities.js';
import { fold } from '../text/normalize.js';

/** Honorifics a question may open with before a person's name, folded. */
const HONORIFICS = new Set(['', 'ong', 'ba', 'ngai', 'anh', 'chi']);
/** What a question asks after its verb ("… mong muốn gì?", "… đề nghị những gì?"), folded. */
const ASKED =
  /^(?:(?:da|se|cung|co|con|thi)\s+)*((?:[\p{L}\p{N}]+\s+){0,2}?[\p{L}\p{N}]+)\s+(?:gi|dieu gi|nhung gi|cai gi|nhu the nao|the nao|ra sao|nhung dieu gi)\s*[?.!]*$/u;
/** How every question `ASKED` reads ends, folded: tested first, as most questions do not, before names are looked for. */
const ENDS_ASKED = /\s(?:gi|the nao|ra sao)\s*[?.!]*$/u;
/** How far before the verb its subject may be named (characters). */
const REACH = 60;

/**
 * Whether the quote says another person did what the question asks a person did: "Ông Metzger
 * mong muốn gì?" quoted with "Thứ trưởng Lê Xuân Định bày tỏ mong muốn …" shows the Vice
 * Minister's wish as Mr Metzger's. Read only when the question opens with a person's name and
 * asks what they did ("<name> <verb> gì?"), and the quote writes that verb with another named
 * person the nearest before it; an office, a pronoun or no one before the verb says nothing.
 */
export function doneByAnother(question: string, quote: string): boolean {
  const q = question.trim();
  if (!ENDS_ASKED.test(fold(q))) return false;
  const asker = findEntities(q).find((e) => e.kind === 'person' && !e.role);
  if (!asker) return false;
  const before = fold(q.slice(0, asker.start).trim().toLowerCase());
  if (!HONORIFICS.has(before) && before !== fold((asker.title ?? '').toLowerCase())) return false;
  const verb = ASKED.exec(
    fold(
      q
        .slice(asker.start + asker.text.length)
        .trim()
        .toLowerCase(),
    ),
  )?.[1];
  if (!verb) return false;
  const hay = fold(quote.toLowerCase());
  const at = new RegExp(`(?<![\\p{L}\\p{N}])${verb.replace(/\s+/g, '\\s+')}(?![\\p{L}\\p{N}])`, 'u').exec(hay);
  if (!at) return false;
  const last = (name: string) => fold(name.toLowerCase()).split(/\s+/).pop() ?? '';
  // Named anywhere before the verb, the person asked may be its subject ("Ông Trần Ngọc Tụ, Chi
  // cục trưởng … Hà Nội cho biết").
  if (new RegExp(`(?<![\\p{L}\\p{N}])${last(asker.text)}(?![\\p{L}\\p{N}])`, 'u').test(hay.slice(0, at.index))) return false;
  // Only someone written with a title or an honorific is surely a person ("Hà Nội" is not).
  const doer = findEntities(quote)
    .filter((e) => e.kind === 'person' && e.start + e.text.length <= at.index && at.index - (e.start + e.text.length) <= REACH)
    .pop();
  if (!doer || doer.role || !(doer.title || doer.head)) return false;
  return last(doer.text) !== last(asker.text);
}
