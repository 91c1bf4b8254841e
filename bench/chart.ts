import { type BenchResults, type ScaleResult, articlesOf } from './report.js';

/**
 * The report's picture: build time, search latency, memory and R@1 against corpus size, for
 * kiemchung and for SQLite FTS5 measured in the same run (an SVG drawn from the figures, so it
 * is redrawn with every run and can be re-rendered with --render).
 */
interface Series {
  name: string;
  colour: string;
  dash?: string;
  points: Array<[number, number]>;
}

interface Panel {
  title: string;
  unit: string;
  log: boolean;
  series: Series[];
}

const W = 980;
const H = 700;
const KC = '#1f6feb';
const KC2 = '#58a6ff';
const FTS = '#d1242f';

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function niceTicks(lo: number, hi: number, log: boolean): number[] {
  if (log) {
    const out: number[] = [];
    for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) for (const m of [1, 2, 5]) out.push(m * 10 ** e);
    return out.filter((t) => t >= lo * 0.999 && t <= hi * 1.001);
  }
  const span = hi - lo || 1;
  const step = 10 ** Math.floor(Math.log10(span / 4));
  const k = [1, 2, 5, 10].find((m) => span / (m * step) <= 6) ?? 10;
  const out: number[] = [];
  for (let t = Math.ceil(lo / (k * step)) * k * step; t <= hi + 1e-9; t += k * step) out.push(Math.round(t * 1e6) / 1e6);
  return out;
}

function fmt(v: number): string {
  if (v >= 1000) return `${Math.round(v / 100) / 10}k`;
  if (v >= 10) return String(Math.round(v));
  if (v >= 1) return String(Math.round(v * 10) / 10);
  return String(Math.round(v * 100) / 100);
}

function drawPanel(p: Panel, x0: number, y0: number, w: number, h: number, xs: number[]): string {
  const pts = p.series.flatMap((s) => s.points);
  if (pts.length === 0) return '';
  const left = x0 + 56;
  const right = x0 + w - 12;
  const top = y0 + 30;
  const bottom = y0 + h - 40;
  const xlo = Math.min(...xs);
  const xhi = Math.max(...xs);
  const X = (v: number) => left + ((Math.log(v) - Math.log(xlo)) / (Math.log(xhi) - Math.log(xlo) || 1)) * (right - left);
  const vals = pts.map(([, v]) => v).filter((v) => v > 0);
  let ylo = p.log ? Math.min(...vals) / 1.5 : 0;
  let yhi = Math.max(...vals) * (p.log ? 1.5 : 1.1);
  if (!p.log && p.unit === '%') {
    ylo = Math.max(0, Math.floor((Math.min(...vals) - 10) / 10) * 10);
    yhi = Math.min(100, Math.ceil((Math.max(...vals) + 5) / 10) * 10);
  }
  const Y = (v: number) =>
    p.log
      ? bottom - ((Math.log(v) - Math.log(ylo)) / (Math.log(yhi) - Math.log(ylo))) * (bottom - top)
      : bottom - ((v - ylo) / (yhi - ylo || 1)) * (bottom - top);
  const out: string[] = [`<text x="${x0 + w / 2}" y="${y0 + 18}" text-anchor="middle" font-size="15" font-weight="bold">${esc(p.title)}</text>`];
  for (const t of niceTicks(ylo, yhi, p.log)) {
    out.push(
      `<line x1="${left}" x2="${right}" y1="${Y(t)}" y2="${Y(t)}" stroke="#ddd"/>`,
      `<text x="${left - 6}" y="${Y(t) + 4}" text-anchor="end" font-size="11">${fmt(t)}</text>`,
    );
  }
  for (const x of xs)
    out.push(
      `<line x1="${X(x)}" x2="${X(x)}" y1="${top}" y2="${bottom}" stroke="#eee"/>`,
      `<text x="${X(x)}" y="${bottom + 16}" text-anchor="middle" font-size="11">${fmt(x)}</text>`,
    );
  out.push(`<text x="${(left + right) / 2}" y="${bottom + 32}" text-anchor="middle" font-size="11">articles (log scale)</text>`);
  out.push(
    `<text x="${x0 + 12}" y="${(top + bottom) / 2}" text-anchor="middle" font-size="11" transform="rotate(-90 ${x0 + 12} ${(top + bottom) / 2})">${esc(p.unit)}${p.log ? ' (log)' : ''}</text>`,
  );
  out.push(`<rect x="${left}" y="${top}" width="${right - left}" height="${bottom - top}" fill="none" stroke="#999"/>`);
  p.series.forEach((s, i) => {
    const ps = s.points.filter(([, v]) => v > 0).sort((a, b) => a[0] - b[0]);
    if (ps.length === 0) return;
    out.push(
      `<polyline fill="none" stroke="${s.colour}" stroke-width="2.5"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''} points="${ps.map(([x, v]) => `${X(x).toFixed(1)},${Y(v).toFixed(1)}`).join(' ')}"/>`,
    );
    for (const [x, v] of ps) out.push(`<circle cx="${X(x).toFixed(1)}" cy="${Y(v).toFixed(1)}" r="3.5" fill="${s.colour}"/>`);
    const ly = top + 14 + i * 16;
    out.push(
      `<line x1="${left + 8}" x2="${left + 30}" y1="${ly - 4}" y2="${ly - 4}" stroke="${s.colour}" stroke-width="2.5"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''}/>`,
      `<text x="${left + 36}" y="${ly}" font-size="11">${esc(s.name)}</text>`,
    );
  });
  return out.join('\n');
}

export function renderChart(r: BenchResults): string {
  const scales = [...r.scales].sort((a, b) => articlesOf(a) - articlesOf(b));
  const xs = scales.map(articlesOf);
  const pick = (f: (s: ScaleResult) => number | undefined) =>
    scales.flatMap((s): Array<[number, number]> => {
      const v = f(s);
      return v === undefined || !Number.isFinite(v) ? [] : [[articlesOf(s), v]];
    });
  const panels: Panel[] = [
    {
      title: 'Full build (read + index), wall time',
      unit: 's',
      log: true,
      series: [
        { name: 'kiemchung', colour: KC, points: pick((s) => (s.build.loadMs + s.build.indexMs) / 1000) },
        { name: 'SQLite FTS5', colour: FTS, points: pick((s) => (s.fts5 ? (s.fts5.loadMs + s.fts5.indexMs) / 1000 : undefined)) },
      ],
    },
    {
      title: 'Latency per question, p50',
      unit: 'ms',
      log: true,
      series: [
        { name: 'kiemchung search', colour: KC, points: pick((s) => s.query.search.p50) },
        { name: 'kiemchung ask', colour: KC2, dash: '6 4', points: pick((s) => s.query.ask.p50) },
        { name: 'SQLite FTS5 search', colour: FTS, points: pick((s) => s.fts5?.search.p50) },
      ],
    },
    {
      title: 'Memory',
      unit: 'MiB',
      log: true,
      series: [
        { name: 'kiemchung serving (resident)', colour: KC, points: pick((s) => Math.max(s.query.rssAfterMiB, s.query.rssLoadedMiB)) },
        { name: 'kiemchung build (peak)', colour: KC2, dash: '6 4', points: pick((s) => s.build.peakRssMiB) },
        { name: 'SQLite FTS5 serving (resident)', colour: FTS, points: pick((s) => s.fts5?.rssAfterMiB) },
        { name: 'SQLite FTS5 build (peak)', colour: '#f0883e', dash: '6 4', points: pick((s) => s.fts5?.peakRssMiB) },
      ],
    },
    {
      title: 'R@1 on ViNewsQA dev (article first)',
      unit: '%',
      log: false,
      series: [
        { name: 'kiemchung ask', colour: KC, points: pick((s) => s.query.ask.r1) },
        { name: 'kiemchung search', colour: KC2, dash: '6 4', points: pick((s) => s.query.search.r1) },
        { name: 'SQLite FTS5', colour: FTS, points: pick((s) => s.fts5?.search.r1) },
      ],
    },
  ];
  const pw = W / 2;
  const ph = (H - 40) / 2;
  const body = panels.map((p, i) => drawPanel(p, (i % 2) * pw, 30 + Math.floor(i / 2) * ph, pw, ph, xs)).join('\n');
  const title = `kiemchung beside SQLite FTS5 against corpus size (${r.date.slice(0, 10)}, ${r.machine.cores} cores, load ${r.loadavg.join(' / ')})`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif">
<rect width="${W}" height="${H}" fill="white"/>
<text x="${W / 2}" y="20" text-anchor="middle" font-size="14">${esc(title)}</text>
${body}
</svg>
`;
}
