import { englishOfficeAt, officeAt, officeBeside, sameOffice } from '../answer/titles.js';
import type { NameRun } from './facts.js';
import type { Token } from './tokens.js';

/**
 * Who did what to whom, for acts that go one way: receiving a visitor ("tiếp", "đón"), chairing,
 * inviting, visiting, handing over ("trao … cho"), sending ("cử"). "Tổng Thư ký IEC đã tiếp Thứ
 * trưởng Lê Xuân Định" says the reverse of "Thứ trưởng … Lê Xuân Định … tại buổi tiếp và làm việc
 * với ông Philippe Metzger, Tổng Thư ký IEC". Acts two sides do together ("gặp", "làm việc với",
 * "hội đàm", "ký … với") have no direction and are not read.
 */

interface Act {
  /** The claim's words for the act: marked, folded (for a claim typed without marks) or English. */
  words: readonly string[][];
  /** The evidence's words that say it (marked). */
  stated: readonly string[][];
  /** The word the other side follows, when it is not the act itself ("trao … cho"). */
  to?: string;
}

const foldAll = (ws: readonly string[]) => ws.map((w) => w.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd'));

const RECEIVE = [['tiếp'], ['đón'], ['tiếp', 'đón']];
const ACTS: readonly Act[] = [
  { words: [['tiếp'], ['đón'], ['tiếp', 'đón'], ['received'], ['receives'], ['hosted'], ['hosts'], ['welcomed'], ['welcomes']], stated: RECEIVE },
  { words: [['chủ', 'trì'], ['chaired'], ['chairs']], stated: [['chủ', 'trì']] },
  { words: [['mời'], ['invited'], ['invites']], stated: [['mời']] },
  { words: [['thăm'], ['visited'], ['visits']], stated: [['thăm']] },
  { words: [['trao']], stated: [['trao'], ['tặng']], to: 'cho' },
  { words: [['cử']], stated: [['cử']] },
];
/** Words after an act's word that make it another word ("tiếp tục", "trao đổi", "cử tri", "thăm dò"…). */
const OTHER_WORDS = new Map<string, ReadonlySet<string>>([
  [
    'tiếp',
    new Set([
      'tục',
      'cận',
      'nhận',
      'theo',
      'xúc',
      'thu',
      'nối',
      'diễn',
      'sức',
      'tế',
      'thị',
      'giáp',
      'đãi',
      'viên',
      'tân',
      'quản',
      'sóng',
      'ứng',
      'liệu',
      'tay',
      'lửa',
      'đó',
    ]),
  ],
  ['trao', new Set(['đổi', 'quyền', 'gửi', 'lưu'])],
  ['cử', new Set(['tri', 'hành', 'chỉ', 'nhân', 'động', 'tạ', 'toạ', 'tọa'])],
  ['thăm', new Set(['dò', 'khám', 'quan', 'thẳm'])],
  ['đón', new Set(['nhận', 'đầu', 'tết', 'xem', 'chờ', 'đưa', 'lõng', 'gió'])],
  ['mời', new Set(['gọi', 'chào', 'thầu'])],
]);
const FOLDED_ACTS = new Set(['tiếp', 'chủ trì', 'tiếp đón']);
/** Words that make the act's subject the one it is done to: "X được Y tiếp", "X was received by Y". */
const PASSIVE = new Set(['được', 'bị', 'by', 'was', 'were', 'is', 'are', 'been', 'duoc', 'bi']);
const HONORIFICS = new Set(['ong', 'ba', 'mr', 'mrs', 'ms']);

const wordOf = (t: Token, marked: boolean) => (marked ? t.lower : t.folded);

function actAt(tokens: readonly Token[], i: number, phrases: readonly (readonly string[])[], marked: boolean): number {
  for (const p of phrases) {
    // Typed without marks, "moi", "don", "tham", "trao", "cu" are as often "mới", "đơn", "tham
    // gia", "cũ": only "tiếp" and "chủ trì" are read so.
    if (!marked && !FOLDED_ACTS.has(p.join(' '))) continue;
    const want = marked ? p : foldAll(p);
    if (!want.every((w, k) => tokens[i + k] !== undefined && wordOf(tokens[i + k] as Token, marked) === w)) continue;
    const next = tokens[i + p.length];
    if (next) {
      const other = OTHER_WORDS.get(p.join(' '));
      const another = other && (marked ? other.has(next.lower) : !/^\p{Lu}/u.test(next.text) && foldAll([...other]).includes(next.folded));
      // Not "tiếp thứ trưởng …" typed without marks, an office after "tiếp".
      if (another && !officeAt(tokens, i + p.length)) continue;
    }
    return p.length;
  }
  return 0;
}

/** Someone a side names: a person, a body, or an office standing for its holder. */
interface Party {
  from: number;
  to: number;
  person?: NameRun;
  body?: NameRun;
  /** The Vietnamese offices (folded) it may be written as. */
  offices?: readonly string[];
}

function officeHere(tokens: readonly Token[], k: number, english: boolean): { first: number; end: number; vi: readonly string[] } | undefined {
  for (let s = Math.max(0, k - 3); s <= k; s++) {
    const o = english ? englishOfficeAt(tokens, s) : officeAt(tokens, s);
    if (o && o.first <= k && k < o.end) return 'vi' in o ? o : { first: o.first, end: o.end, vi: [o.office] };
  }
  return undefined;
}

/**
 * The party at token `k` of a side: a person's name there; else an office (its holder when named
 * within four words after it), with the body's name after it ("Tổng Thư ký IEC"); else a body.
 */
function partyAt(tokens: readonly Token[], names: readonly NameRun[], k: number, english: boolean): Party | undefined {
  const run = names.find((n) => n.from <= k && k < n.to);
  if (run?.kind === 'person') return { from: run.from, to: run.to, person: run };
  const o = officeHere(tokens, k, english) ?? (run ? officeHere(tokens, run.from - 1, english) : undefined);
  if (o) {
    // Only the body's name and "ông" / "bà" between the office and its holder.
    const holder = names.find(
      (n) =>
        n.kind === 'person' &&
        n.from >= o.end &&
        n.from <= o.end + 4 &&
        tokens.slice(o.end, n.from).every((t) => /^\p{Lu}/u.test(t.text) || HONORIFICS.has(t.folded)) &&
        (tokens[n.from] as Token).clause === (tokens[o.first] as Token).clause,
    );
    if (holder) return { from: holder.from, to: holder.to, person: holder };
    return { from: Math.min(o.first, run?.from ?? o.first), to: Math.max(o.end, run?.to ?? o.end), offices: o.vi };
  }
  if (run?.kind === 'organisation') return { from: run.from, to: run.to, body: run };
  // A name read as neither ("Philippe Metzger" without a title): a person if the evidence names one so.
  if (run?.kind === 'other') return { from: run.from, to: run.to, person: run };
  return undefined;
}

/** Where the evidence names a party, as token indices of its names; empty when it cannot tell. */
function placesOf(p: Party, evTokens: readonly Token[], evNames: readonly NameRun[], inSentence: (i: number) => boolean): number[] {
  const runs = evNames.filter((n) => inSentence(n.from));
  if (p.person) {
    const words = p.person.words;
    return runs.filter((n) => n.kind === 'person' && words.every((w) => n.words.includes(w))).map((n) => n.from);
  }
  if (p.body) {
    const words = p.body.words;
    return runs.filter((n) => n.kind === p.body?.kind && n.words.join(' ') === words.join(' ')).map((n) => n.from);
  }
  const offices = p.offices ?? [];
  return runs
    .filter((n) => {
      if (n.kind !== 'person') return false;
      const o = officeBeside(evTokens, n.from, n.to);
      return o !== undefined && offices.some((x) => sameOffice(x, o.office));
    })
    .map((n) => n.from);
}

export interface SwappedRoles {
  /** Claim tokens [from, to) from the one said to act to the one it is done to. */
  claimed: { from: number; to: number };
  /** Evidence tokens [from, to) of the same two, as the evidence has them. */
  stated: { from: number; to: number };
}

/**
 * The claim's doer and the one it is done to, where the first evidence sentence gives the act with
 * the two the other way round: the claim's doer named only after the act's word there, the other
 * only before it. Not when either side says it in the passive, nor where a party cannot be found.
 */
export function swappedRoles(
  claim: { tokens: readonly Token[]; names: readonly NameRun[] },
  ev: { tokens: readonly Token[]; names: readonly NameRun[]; piece: Int32Array },
  marked: boolean,
  english: boolean,
): SwappedRoles | undefined {
  const ct = claim.tokens;
  const inSentence = (i: number) => ev.piece[i] === 0;
  for (let i = 0; i < ct.length; i++) {
    for (const act of ACTS) {
      const len = actAt(ct, i, act.words, marked || english);
      if (!len) continue;
      const clause = (ct[i] as Token).clause;
      const inClause = (k: number) => k >= 0 && k < ct.length && (ct[k] as Token).clause === clause;
      /** The nearest party in tokens [from, to), searching back from `to`. */
      const lastParty = (from: number, to: number) => {
        for (let k = to - 1; k >= from; k--) {
          const p = partyAt(ct, claim.names, k, english);
          if (p) return p;
        }
        return undefined;
      };
      /** The first party from token `from` on, within six words, in the clause. */
      const nextParty = (from: number) => {
        for (let k = from; inClause(k) && k < from + 6; k++) {
          if (HONORIFICS.has((ct[k] as Token).folded)) continue;
          const p = partyAt(ct, claim.names, k, english);
          if (p) return p;
        }
        return undefined;
      };
      let opens = i;
      while (inClause(opens - 1)) opens--;
      // "X được Y tiếp": Y did it, to X; "X was received by Y" too. Said so without the doer
      // ("X được tiếp"), it is not read.
      const passive = ct.findIndex((t, k) => k >= opens && k < i && PASSIVE.has(t.lower));
      let doer: Party | undefined;
      let other: Party | undefined;
      if (passive >= 0) {
        const by = english ? ct.findIndex((t, k) => k >= i + len && inClause(k) && t.lower === 'by') : -1;
        doer = english ? (by >= 0 ? nextParty(by + 1) : undefined) : lastParty(passive + 1, i);
        other = lastParty(opens, passive);
      } else {
        doer = lastParty(opens, i);
        // The other: the first party after the act (after "cho" for "trao … cho").
        let start = i + len;
        if (act.to) {
          const want = marked ? act.to : (foldAll([act.to])[0] as string);
          const to = ct.findIndex((t, k) => k >= start && inClause(k) && wordOf(t, marked) === want);
          if (to < 0) continue;
          start = to + 1;
        }
        other = nextParty(start);
      }
      if (!doer || !other) continue;
      // The act in the evidence's first sentence, not in the passive.
      const at = ev.tokens.findIndex((t, k) => inSentence(k) && actAt(ev.tokens, k, act.stated, true) > 0);
      if (at < 0) continue;
      if (ev.tokens.slice(Math.max(0, at - 3), at).some((t) => PASSIVE.has(t.lower) && inSentence(ev.tokens.indexOf(t)))) continue;
      const doerAt = placesOf(doer, ev.tokens, ev.names, inSentence);
      const otherAt = placesOf(other, ev.tokens, ev.names, inSentence);
      if (!doerAt.length || !otherAt.length) continue;
      if (doerAt.every((k) => k > at) && otherAt.every((k) => k < at)) {
        const from = Math.min(...otherAt);
        const last = Math.max(...doerAt);
        const end = ev.names.find((n) => n.from === last)?.to ?? last + 1;
        return { claimed: { from: Math.min(doer.from, other.from), to: Math.max(doer.to, other.to) }, stated: { from, to: end } };
      }
    }
  }
  return undefined;
}

/**
 * Whether the claim says someone did one of these acts ("Các đối tác … đã tiếp Viện Đo lường Việt
 * Nam") that its evidence does not write in any of its words for it: what the evidence says of the
 * same people is something else ("… đã ký kết Biên bản với các đối tác …").
 */
export function unstatedAct(
  claim: { tokens: readonly Token[]; names: readonly NameRun[] },
  ev: { tokens: readonly Token[] },
  marked: boolean,
  english: boolean,
): boolean {
  const ct = claim.tokens;
  for (let i = 0; i < ct.length; i++) {
    const act = ACTS.find((a) => actAt(ct, i, a.words, marked || english) > 0);
    if (!act) continue;
    // Said of someone: a name or an office just before it ("X đã tiếp", "X received").
    let k = i - 1;
    while (k >= 0 && ['đã', 'da', 'vừa', 'vua', 'has', 'have', 'had'].includes((ct[k] as Token).lower)) k--;
    if (k < 0 || !partyAt(ct, claim.names, k, english)) continue;
    if (!ev.tokens.some((_, e) => actAt(ev.tokens, e, act.stated, true) > 0)) return true;
  }
  return false;
}
