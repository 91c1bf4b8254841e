import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHARED_DATA, hasSharedData, tempDir } from '../support/corpus.js';
import { FINLAND, newPortalPage } from '../support/news-pages.js';
import { type ShownCommand, firstMissingLine, readmeCommands } from '../support/readme.js';

/**
 * README's commands, run as written in a copy of the repository (its tracked files, this
 * checkout's node_modules, no build, no index), and compared with what README shows them
 * printing. Every command README shows is classified below; one the classification does not
 * know fails the test, so a new command in README is run here or has a stated reason not to be.
 */

const REPO = path.resolve(import.meta.dirname, '..', '..');
const README = fs.readFileSync(path.join(REPO, 'README.md'), 'utf8');
const SHOWN = readmeCommands(README);
const PACKAGE = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { scripts: Record<string, string>; bin: Record<string, string> };

type How =
  | 'install' // npm ci: what .ci/run does on a clean clone
  | 'form' // the general form of a command, written with a placeholder
  | 'suite' // the test suite and its parts: .ci/run runs them
  | 'rewrites' // rewrites the tree's files (formatting); its check is part of the suite
  | 'long' // benchmarks, refits and crash loops of many minutes: the file must exist
  | 'needs-token' // a chat platform: run without its token, it must say which setting is missing
  | 'needs-database' // a PostgreSQL server and a chat token: the database tests run the same paths on a throwaway cluster
  | 'renders' // writes a benchmark report's section again from its raw figures: run here, the report must come out unchanged
  | 'run'; // run here as written

const RULES: Array<[RegExp, How]> = [
  [/^npm ci$/, 'install'],
  [/^npm run kiemchung --(?: <command>)?$/, 'form'],
  [/^npm link$/, 'form'],
  [/^npm (?:test|run (?:check|lint|format:check|deadcode))$/, 'suite'],
  [/^npm run format$/, 'rewrites'],
  [/^npm run bench(?::ingest|:postgres)?$/, 'long'],
  [/^npm run bench(?::postgres)? -- --render docs\/[\w-]+\.json$/, 'renders'],
  [/^npm run deploy:telegram$/, 'needs-database'],
  [/^(?:[A-Z_]+=\S+ )?npx tsx (?:bench|scripts)\/[\w-]+\.ts(?: .*)?$/, 'long'],
  [/^npm run (?:start:telegram|start:discord|deploy:discord)$/, 'needs-token'],
  [/^npm start$/, 'run'],
  [/^(?:[A-Z_]+=\S+ )?npm run kiemchung -- \S.*$/, 'run'],
  [/^node dist\/src\/cli\/main\.js .+$/, 'run'],
];

function howOf(part: string): How | null {
  for (const [re, how] of RULES) if (re.test(part)) return how;
  return null;
}

/** A command line split at `&&`: each part is classified on its own. */
const parts = (c: ShownCommand) => c.command.split(/\s*&&\s*/);

let copy: string;

interface Run {
  code: number | null;
  out: string;
  err: string;
}

/** Runs one command line with `sh` in the copy, as a user's shell would, with a clean environment. */
function sh(command: string, input = '', extraEnv: Record<string, string> = {}): Promise<Run> {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^(?:npm_|KIEMCHUNG_|TELEGRAM_|DISCORD_|OPENAI_|VITEST|NODE_OPTIONS)/.test(k)) continue;
    env[k] = v;
  }
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', command], { cwd: copy, env: { ...env, ...extraEnv }, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out, err }));
    child.stdin.end(input);
  });
}

/** What a command prints, without npm's own lines ("> kiemchung@0.1.0 …" and the script echo). */
function printed(r: Run): string[] {
  return r.out.split('\n').filter((l) => !/^> /.test(l));
}

beforeAll(() => {
  const root = tempDir('kc-readme-');
  copy = path.join(root, 'kiemchung');
  const files = execFileSync('git', ['ls-files', '-z'], { cwd: REPO, encoding: 'utf8' }).split('\0').filter(Boolean);
  for (const f of files) {
    const from = path.join(REPO, f);
    if (!fs.existsSync(from)) continue; // deleted in the working tree
    fs.mkdirSync(path.dirname(path.join(copy, f)), { recursive: true });
    fs.copyFileSync(from, path.join(copy, f));
  }
  fs.symlinkSync(path.join(REPO, 'node_modules'), path.join(copy, 'node_modules'), 'dir');
  // README's `D=../shared/data` resolves beside the copy as it does beside a checkout.
  if (fs.existsSync(SHARED_DATA)) {
    fs.mkdirSync(path.join(root, 'shared'));
    fs.symlinkSync(SHARED_DATA, path.join(root, 'shared', 'data'), 'dir');
  }
});

afterAll(() => {
  if (copy) fs.rmSync(path.dirname(copy), { recursive: true, force: true });
});

describe('README commands', () => {
  it('finds the commands README shows, and knows how to treat every one', () => {
    expect(SHOWN.filter((c) => c.where === 'transcript').length).toBeGreaterThanOrEqual(4);
    expect(SHOWN.some((c) => c.command === 'npm ci && npm start')).toBe(true);
    const unknown = SHOWN.filter((c) => c.where !== 'usage').flatMap((c) =>
      parts(c)
        .filter((p) => howOf(p) === null)
        .map((p) => `README.md:${c.line}: ${p}`),
    );
    expect(unknown, 'commands README shows that this test neither runs nor classifies').toEqual([]);
  });

  it('npm ci: the clean install .ci/run performs; npm run check (and its parts) is what .ci/run runs', () => {
    const ci = fs.readFileSync(path.join(REPO, '.ci', 'run'), 'utf8');
    expect(ci).toMatch(/^npm ci\b/m);
    expect(ci).toMatch(/^npm run check$/m);
    expect(PACKAGE.scripts.check).toBe('npm run lint && npm run format:check && npm run deadcode && npm test');
    for (const c of SHOWN.flatMap(parts).filter((p) => howOf(p) === 'suite' || /^npm run /.test(p))) {
      const script = /^npm (?:run )?([\w:]+)/.exec(c)?.[1] as string;
      expect(PACKAGE.scripts[script], `package.json has no script "${script}" (README: ${c})`).toBeTruthy();
    }
  });

  it('benchmarks, refits and crash loops name files that exist', () => {
    for (const c of SHOWN.flatMap(parts)
      .map((p) => p.replace(/^[A-Z_]+=\S+ /, ''))
      .filter((p) => howOf(p) === 'long' && p.startsWith('npx tsx '))) {
      const file = c.split(' ')[2] as string;
      expect(fs.existsSync(path.join(REPO, file)), `${file} (README: ${c})`).toBe(true);
    }
  });

  it('a benchmark report written again from its raw figures comes out as committed', async () => {
    const shown = SHOWN.flatMap(parts).filter((p) => howOf(p) === 'renders');
    expect(shown.length).toBeGreaterThan(0);
    for (const c of shown) {
      const report = path.join(copy, 'docs', 'benchmarks.md');
      fs.writeFileSync(report, fs.readFileSync(report, 'utf8').replace(/(<!-- postgres:start -->)[\s\S]*(<!-- postgres:end -->)/, '$1\n$2'));
      const r = await sh(c);
      expect(r.code, r.err).toBe(0);
      expect(fs.readFileSync(report, 'utf8'), c).toBe(fs.readFileSync(path.join(REPO, 'docs', 'benchmarks.md'), 'utf8'));
    }
  }, 120_000);

  it('npm start, with no chat token, answers a question typed in the terminal, with its citation', async () => {
    const r = await sh('npm start', 'Ai là Tổng Thư ký IEC?\n/quit\n');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/Philippe Metzger/);
    expect(r.out).toMatch(/\[1\] Hỗ trợ để Việt Nam sớm trở thành thành viên chính thức của IEC \(05\/06\/2024\) — đoạn 2, iec-thanh-vien-2024#p2/);
  }, 240_000);

  it('the command-line table matches what `kiemchung --help` prints', async () => {
    const r = await sh('npm run kiemchung -- --help');
    expect(r.code, r.err).toBe(0);
    const lines = r.out.split('\n');
    const global = lines.slice(lines.findIndex((l) => l.startsWith('Options for every command'))).join('\n');
    for (const c of SHOWN.filter((s) => s.where === 'usage')) {
      const [, sub] = c.command.split(' ');
      const own = lines.filter((l) => l.startsWith(`  kiemchung ${sub} `) || l === `  kiemchung ${sub}`);
      expect(own.length, `kiemchung ${sub} (README.md:${c.line}) is in the usage`).toBeGreaterThan(0);
      for (const flag of c.command.match(/--[a-z-]+/g) ?? [])
        expect(`${own.join('\n')}\n${global}`, `${flag} of kiemchung ${sub} (README.md:${c.line})`).toContain(flag);
    }
  }, 120_000);

  it.each(SHOWN.filter((c) => c.where === 'transcript' && !c.command.includes(' add ') && !c.command.startsWith('node ')).map((c) => [c.line, c] as const))(
    'README.md:%i prints what README shows',
    async (_line, c) => {
      const r = await sh(c.command, c.input.map((l) => `${l}\n`).join(''));
      expect(r.code, r.err).toBe(0);
      const missing = firstMissingLine(c.output, printed(r));
      expect(missing, `README.md:${c.line} shows a line "${c.command}" does not print:\n${missing}\n--- printed:\n${r.out}`).toBeNull();
    },
    240_000,
  );

  it('kiemchung add: README.md example, against a news site on the address it shows', async () => {
    const c = SHOWN.find((s) => s.where === 'transcript' && s.command.includes(' add ')) as ShownCommand;
    expect(c).toBeDefined();
    const url = new URL(/http:\/\/\S+/.exec(c.command)?.[0] as string);
    const page = newPortalPage(FINLAND, '2025-06-16T20:13:00+07:00');
    const site = http.createServer((req, res) => {
      if (req.url === url.pathname) res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
      else res.writeHead(404, { 'content-type': 'text/html' }).end('<html><body>Not found</body></html>');
    });
    // The same command on a free port: the one README shows is in the range the system hands out
    // to outgoing connections, and another test's connection may hold it (a reset when read).
    const port = await new Promise<number>((resolve, reject) => {
      site.once('error', reject);
      site.listen(0, '127.0.0.1', () => resolve((site.address() as { port: number }).port));
    });
    try {
      const command = c.command.replaceAll(`:${url.port}/`, `:${port}/`);
      const r = await sh(command);
      expect(r.code, 'one of the two addresses fails, so the command exits 1').toBe(1);
      const shown = c.output.map((l) => l.replaceAll(`:${url.port}/`, `:${port}/`));
      const missing = firstMissingLine(shown, printed(r));
      expect(missing, `README.md:${c.line} shows a line the command does not print:\n${missing}\n--- printed:\n${r.out}`).toBeNull();
    } finally {
      await new Promise((resolve) => site.close(resolve));
      // README's later examples speak of the two seed articles.
      for (const f of fs.readdirSync(path.join(copy, 'corpus'))) if (f.startsWith('thuc-day-hop-tac')) fs.rmSync(path.join(copy, 'corpus', f));
    }
  }, 240_000);

  it('npm run start:telegram, start:discord and deploy:discord, without tokens, say which setting is missing', async () => {
    const expected: Record<string, RegExp> = {
      'npm run start:telegram': /TELEGRAM_BOT_TOKEN is not set/,
      'npm run start:discord': /DISCORD_TOKEN/,
      'npm run deploy:discord': /DISCORD_TOKEN: is required[\s\S]*DISCORD_APPLICATION_ID/,
    };
    const shown = new Set(SHOWN.flatMap(parts).filter((p) => howOf(p) === 'needs-token'));
    expect([...shown].sort()).toEqual(Object.keys(expected).sort());
    for (const [command, says] of Object.entries(expected)) {
      const r = await sh(command);
      expect(r.code, command).toBe(1);
      expect(r.err + r.out, command).toMatch(says);
    }
  }, 240_000);

  it('the seed question eval prints the seed row of the quality table', async () => {
    const c = SHOWN.find((s) => s.command === 'npm run kiemchung -- eval --questions test/eval/seed-questions.jsonl') as ShownCommand;
    expect(c).toBeDefined();
    const r = await sh(c.command);
    expect(r.code, r.err).toBe(0);
    const line = /^eval: .*$/m.exec(r.out)?.[0] ?? '';
    expect(line).toMatch(/^eval: R@1=/);
    const f = Object.fromEntries([...line.matchAll(/([\w@]+)=([\d.]+)/g)].map((m) => [m[1], m[2]]));
    const row = README.split('\n').find((l) => l.startsWith('| our seed questions'));
    expect(row, 'README quality table has the seed row').toBeDefined();
    const cells = (row as string).split('|').map((s) => s.trim());
    // | set | corpus | R@1 | R@10 | ev@1 | ev@5 | ans | short / F1 | refused when absent | refused wrongly |
    expect(cells.slice(3, 11)).toEqual([f['R@1'], f['R@10'], f['ev@1'], f['ev@5'], f.ans, `${f.short} / ${f.shortF1}`, f.refuse, f.falserefuse]);
  }, 240_000);

  it('the seed claim eval prints the seed row of the claim table and the figures README quotes', async () => {
    const c = SHOWN.find((s) => s.command === 'npm run kiemchung -- eval --claims test/eval/seed-claims.jsonl') as ShownCommand;
    expect(c).toBeDefined();
    const r = await sh(c.command);
    expect(r.code, r.err).toBe(0);
    const line = /^eval: .*$/m.exec(r.out)?.[0] ?? '';
    const f = Object.fromEntries([...line.matchAll(/([\w@]+)=([\d.]+)/g)].map((m) => [m[1], m[2]]));
    const f1 = (label: string) => new RegExp(`^${label}: P=[\\d.]+ R=[\\d.]+ F1=([\\d.]+)$`, 'm').exec(r.out)?.[1];
    const row = README.split('\n').find((l) => l.startsWith('| our seed claims'));
    expect(row, 'README claim table has the seed row').toBeDefined();
    const cells = (row as string).split('|').map((s) => s.trim());
    expect(cells.slice(3, 8)).toEqual([f.acc, f.macroF1, f.strict, f.evidence, `${f1('supported')} / ${f1('refuted')} / ${f1('nei')}`]);
    const quoted = README.replace(/\s+/g, ' ');
    expect(quoted).toContain(`\`eval: claims=${f.claims} acc=${f.acc} macroF1=${f.macroF1} strict=${f.strict} evidence=${f.evidence}\``);
  }, 240_000);

  it('the dialogue eval, as npm script and as the built command, prints what README shows', async () => {
    const c = SHOWN.find((s) => s.where === 'transcript' && s.command.startsWith('node dist/')) as ShownCommand;
    expect(c).toBeDefined();
    expect(SHOWN.some((s) => s.command === 'npm run kiemchung -- eval --dialogues test/eval/dialogues.jsonl')).toBe(true);
    const viaNpm = await sh('npm run kiemchung -- eval --dialogues test/eval/dialogues.jsonl');
    expect(viaNpm.code, viaNpm.err).toBe(0);
    // The npm script built dist/; the built command is what README shows.
    const r = await sh(c.command);
    expect(r.code, r.err).toBe(0);
    const missing = firstMissingLine(c.output, printed(r));
    expect(missing, `README.md:${c.line} shows a line "${c.command}" does not print:\n${missing}\n--- printed:\n${r.out}`).toBeNull();
  }, 240_000);

  it.skipIf(!hasSharedData)(
    'the evals on ../shared/data run as written (on their first 3 questions or claims, 100 distractors)',
    async () => {
      const onData = SHOWN.filter((s) => s.where === 'shell' && s.command.includes('$D/') && /^npm run kiemchung -- eval /.test(s.command));
      expect(onData.length).toBeGreaterThanOrEqual(6);
      for (const c of onData) {
        // `[--strip-marks]` is optional: run with it. Only the sizes are shortened.
        const command = `${c.prelude.join('; ')}; ${c.command.replace(/\[(--[a-z-]+)\]/g, '$1').replace(/--distractor-limit \d+/, '--distractor-limit 100')} --limit 3`;
        const r = await sh(command);
        expect(r.code, `README.md:${c.line}: ${command}\n${r.err}`).toBe(0);
        expect(r.out, `README.md:${c.line}`).toMatch(/^eval: (?:claims=3|R@1=)/m);
      }
    },
    600_000,
  );

  it('the line matcher this file relies on rejects a transcript the command does not print', () => {
    const out = [
      '→ thành phố Bắc Kinh - Trung Quốc [1]',
      'Theo các bài viết đã lưu:',
      '“Vào ngày 29 tháng 8 năm 2023, Hội nghị …” [1]',
      'indexed: 1 added in 0.04 s',
    ];
    expect(
      firstMissingLine(['→ thành phố Bắc Kinh - Trung Quốc [1]', '…', '“Vào ngày 29 tháng 8 năm 2023, …” [1]', 'indexed: 1 added in 1.25 s'], out),
    ).toBeNull();
    expect(firstMissingLine(['→ Hà Nội [1]'], out)).toBe('→ Hà Nội [1]');
    // Order matters: a line shown after another must be printed after it.
    expect(firstMissingLine(['Theo các bài viết đã lưu:', '→ thành phố Bắc Kinh - Trung Quốc [1]'], out)).toBe('→ thành phố Bắc Kinh - Trung Quốc [1]');
  });
});
