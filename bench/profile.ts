import fs from 'node:fs';
import path from 'node:path';

/** A V8 CPU profile (`node --cpu-prof`), as much of it as the summary needs. */
interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileRow {
  fn: string;
  where: string;
  selfMs: number;
  totalMs: number;
}

export interface ThreadProfile {
  file: string;
  /** Time on the CPU or waiting inside a call (sampled time without the thread's idle time). */
  ms: number;
  idleMs: number;
  /** Functions by self time. */
  self: ProfileRow[];
  /** Functions of this repository by inclusive time (what each step costs with its callees). */
  inclusive: ProfileRow[];
  /** Self time by source file or package. */
  byFile: { where: string; selfMs: number }[];
}

export type ProfileSummary = ThreadProfile[];

function where(url: string): string {
  if (!url) return '(native)';
  // Compiled benchmark children run from bench/.cache/dist/: report the source path.
  const u = url.replace(/^file:\/\//, '').replace(/\/bench\/\.cache\/dist\//, '/');
  const nm = u.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const rest = u.slice(nm + 14).split('/');
    return (rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]) ?? u;
  }
  const m = u.match(/\/(src|bench)\/([^/].*)$/);
  if (m) return `${m[1]}/${(m[2] as string).replace(/\.js$/, '.ts')}`;
  if (u.startsWith('node:')) return u;
  return path.basename(u);
}

const ours = (w: string) => w.startsWith('src/');

export function summariseProfile(file: string, top = 15): ThreadProfile {
  const p = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  p.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[i] ?? 0) / 1000));
  const key = (id: number) => {
    const n = byId.get(id);
    if (!n) return '?';
    const w = where(n.callFrame.url);
    return `${n.callFrame.functionName || '(anonymous)'}\u0000${w}${ours(w) ? `:${n.callFrame.lineNumber + 1}` : ''}`;
  };
  const selfBy = new Map<string, number>();
  const totalBy = new Map<string, number>();
  const fileBy = new Map<string, number>();
  // Inclusive time per node, then per function (not counted twice under recursion).
  const inclusive = new Map<number, number>();
  const incl = (id: number): number => {
    const cached = inclusive.get(id);
    if (cached !== undefined) return cached;
    const n = byId.get(id);
    let t = self.get(id) ?? 0;
    for (const c of n?.children ?? []) t += incl(c);
    inclusive.set(id, t);
    return t;
  };
  const root = p.nodes[0]?.id;
  const walk = (id: number, onStack: Set<string>) => {
    const k = key(id);
    const s = self.get(id) ?? 0;
    selfBy.set(k, (selfBy.get(k) ?? 0) + s);
    const w = k.split('\u0000')[1] as string;
    const fileKey = w.replace(/:\d+$/, '');
    fileBy.set(fileKey, (fileBy.get(fileKey) ?? 0) + s);
    const fresh = !onStack.has(k);
    if (fresh) {
      totalBy.set(k, (totalBy.get(k) ?? 0) + incl(id));
      onStack.add(k);
    }
    for (const c of byId.get(id)?.children ?? []) walk(c, onStack);
    if (fresh) onStack.delete(k);
  };
  if (root !== undefined) walk(root, new Set());
  const idleKey = [...selfBy.keys()].find((k) => k.startsWith('(idle)\u0000'));
  const idleMs = idleKey ? (selfBy.get(idleKey) ?? 0) : 0;
  if (idleKey) selfBy.delete(idleKey);
  const ms = [...self.values()].reduce((a, b) => a + b, 0) - idleMs;
  const row = (k: string): ProfileRow => {
    const [fn, w] = k.split('\u0000') as [string, string];
    return { fn, where: w, selfMs: selfBy.get(k) ?? 0, totalMs: totalBy.get(k) ?? 0 };
  };
  return {
    file: path.basename(file),
    ms,
    idleMs,
    self: [...selfBy.keys()]
      .sort((a, b) => (selfBy.get(b) ?? 0) - (selfBy.get(a) ?? 0))
      .slice(0, top)
      .map(row),
    inclusive: [...totalBy.keys()]
      .filter((k) => ours(k.split('\u0000')[1] as string))
      .sort((a, b) => (totalBy.get(b) ?? 0) - (totalBy.get(a) ?? 0))
      .slice(0, top)
      .map(row),
    byFile: [...fileBy.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([w, selfMs]) => ({ where: w, selfMs })),
  };
}

/** Every profile under `dir/<task>/`, by task name. */
export function summariseProfiles(dir: string): Record<string, ProfileSummary> {
  const out: Record<string, ProfileSummary> = {};
  if (!fs.existsSync(dir)) return out;
  for (const name of fs.readdirSync(dir).sort()) {
    const sub = path.join(dir, name);
    if (!fs.statSync(sub).isDirectory()) continue;
    out[name] = fs
      .readdirSync(sub)
      .filter((f) => f.endsWith('.cpuprofile'))
      .sort()
      .map((f) => summariseProfile(path.join(sub, f)))
      .sort((a, b) => b.ms - a.ms);
  }
  return out;
}
