#!/usr/bin/env node
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { type Config, loadConfig } from '../config.js';
import { createEmbedder } from '../embed/create-embedder.js';
import { createEngine } from '../engine.js';
import { KiemchungError } from '../errors.js';
import { openBackend } from '../store/backend.js';
import { createLogger } from '../log.js';
import { isIsoDate } from '../text/format-date.js';
import type { AskOptions, Engine, SearchFilter } from '../types.js';
import { runChat } from './chat.js';
import { CLAIM_LABELS, claimSummaryLine, confusionLines, runClaimEval, runEval, summaryLine } from './eval.js';
import { dialogueSummaryLines, runDialogueEval } from './eval-dialogues.js';
import { progressBar } from './progress.js';
import {
  renderAddReport,
  renderAnswer,
  renderCheck,
  renderFeedAdd,
  renderFeedList,
  renderFeedPoll,
  renderFeedbackReport,
  renderHits,
  renderSource,
} from './render.js';
import { openSqliteFeedbackStore } from '../feedback/sqlite-store.js';

export const USAGE = `kiemchung: cited answers from the stored MOST articles

Usage:
  kiemchung index [--rebuild]                 build or update the index from the corpus
  kiemchung import-index [--index <dir>]      copy an embedded index into the database (KIEMCHUNG_DATABASE_URL)
  kiemchung ask "<question>" [--json]         answer one question with cited paragraphs
  kiemchung check "<text>" [--json]           check a statement (or each claim of a text) against the articles
  kiemchung chat                              ask questions in the terminal
  kiemchung search "<query>" [--json]         best matching paragraphs
  kiemchung source <articleId#pN> [--json]    one whole paragraph
  kiemchung add <url>… [--json]               fetch news pages into the corpus and index them
  kiemchung feed add <url> [--backfill N]     follow an RSS/Atom feed or a sitemap
  kiemchung feed list | remove <url> | poll [--json]   the followed feeds; poll adds their new items now
  kiemchung eval --questions FILE [--distractors FILE --distractor-limit N] [--strip-marks] [--lower-case] [--dump FILE] [--limit N] [--json]
  kiemchung eval --claims FILE [--distractors FILE --distractor-limit N] [--strip-marks] [--lower-case] [--dump FILE] [--limit N] [--json]
  kiemchung eval --dialogues FILE [--now YYYY-MM-DD] [--limit N] [--json]   follow-ups, dates and collection questions
  kiemchung feedback [--since YYYY-MM-DD] [--limit N] [--json]  👍/👎 counts and the worst-rated questions

Options for every command:
  --corpus <dir|file>   corpus folder or .jsonl(.gz) file (KIEMCHUNG_CORPUS, default corpus/)
  --index <dir>         index folder (KIEMCHUNG_INDEX_DIR, default .kiemchung/index); with
                        KIEMCHUNG_DATABASE_URL set, the index is in that database instead
  --feeds-db <file>     followed feeds (KIEMCHUNG_FEEDS_DB, default feeds.sqlite beside the index)
Filters for ask, check, chat and search:
  --top-k N  --article ID  --source NAME  --from YYYY-MM-DD  --to YYYY-MM-DD
  --lang vi|en          the language of the reply, instead of the question's (not for search)
`;

class UsageError extends Error {}

const OPTIONS = {
  corpus: { type: 'string' },
  index: { type: 'string' },
  json: { type: 'boolean' },
  rebuild: { type: 'boolean' },
  'top-k': { type: 'string' },
  article: { type: 'string', multiple: true },
  source: { type: 'string', multiple: true },
  from: { type: 'string' },
  to: { type: 'string' },
  lang: { type: 'string' },
  questions: { type: 'string' },
  claims: { type: 'string' },
  distractors: { type: 'string' },
  'distractor-limit': { type: 'string' },
  'strip-marks': { type: 'boolean' },
  'lower-case': { type: 'boolean' },
  dump: { type: 'string' },
  dialogues: { type: 'string' },
  now: { type: 'string' },
  since: { type: 'string' },
  limit: { type: 'string' },
  backfill: { type: 'string' },
  'feeds-db': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

const ALLOWED: Record<string, ReadonlyArray<keyof typeof OPTIONS>> = {
  index: ['rebuild'],
  'import-index': [],
  ask: ['json', 'top-k', 'article', 'source', 'from', 'to', 'lang'],
  check: ['json', 'top-k', 'article', 'source', 'from', 'to', 'lang'],
  search: ['json', 'top-k', 'article', 'source', 'from', 'to'],
  source: ['json'],
  add: ['json'],
  feed: ['json', 'backfill'],
  chat: ['top-k', 'article', 'source', 'from', 'to', 'lang'],
  eval: ['json', 'questions', 'claims', 'dialogues', 'now', 'distractors', 'distractor-limit', 'strip-marks', 'lower-case', 'limit', 'dump'],
  feedback: ['json', 'since', 'limit'],
};

function int(v: string | undefined, name: string, min = 1): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`--${name} must be a whole number ≥ ${min}`);
  return n;
}

function isoDate(v: string | undefined, name: string): string | undefined {
  if (v === undefined) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) throw new UsageError(`--${name} must be a date YYYY-MM-DD`);
  if (!isIsoDate(v)) throw new UsageError(`--${name} must be a real date: ${v.slice(0, 10)} is not on the calendar`);
  return v;
}

function filterFrom(v: Values): SearchFilter | undefined {
  const f: SearchFilter = {};
  if (v.article?.length) f.articleIds = v.article;
  if (v.source?.length) f.sources = v.source;
  const from = isoDate(v.from, 'from');
  const to = isoDate(v.to, 'to');
  if (from) f.dateFrom = from;
  if (to) f.dateTo = to;
  return Object.keys(f).length ? f : undefined;
}

export interface CliIO {
  out: (s: string) => void;
  err: (s: string) => void;
  env: NodeJS.ProcessEnv;
  stdin: NodeJS.ReadableStream;
}

const defaultIO: CliIO = {
  out: (s) => process.stdout.write(`${s}\n`),
  err: (s) => process.stderr.write(`${s}\n`),
  env: process.env,
  stdin: process.stdin,
};

/**
 * `--top-k -3` as `--top-k=-3`: parseArgs takes a value that starts with "-" for an option and
 * refuses it as ambiguous, where the option's own check says what it must be.
 */
function joinNegativeValues(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') return [...out, ...argv.slice(i)];
    const next = argv[i + 1];
    const option = arg.startsWith('--') ? OPTIONS[arg.slice(2) as keyof typeof OPTIONS] : undefined;
    if (option?.type === 'string' && next !== undefined && /^-\.?\d/.test(next)) {
      out.push(`${arg}=${next}`);
      i++;
    } else out.push(arg);
  }
  return out;
}

/** Runs the command line; returns the exit code (0 ok, 1 failure, 2 usage). */
export async function runCli(argv: string[], io: CliIO = defaultIO): Promise<number> {
  let values: Values;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args: joinNegativeValues(argv), options: OPTIONS, allowPositionals: true, strict: true }));
  } catch (err) {
    io.err(`${(err as Error).message.split('\n')[0]}\n\n${USAGE}`);
    return 2;
  }
  const [command, ...rest] = positionals;
  if (values.help || command === 'help' || command === undefined) {
    (command === undefined && !values.help ? io.err : io.out)(USAGE);
    return command === undefined && !values.help ? 2 : 0;
  }
  const allowed = ALLOWED[command];
  if (!allowed) {
    io.err(`unknown command "${command.slice(0, 40)}"\n\n${USAGE}`);
    return 2;
  }
  const extra = Object.keys(values).filter((k) => !['corpus', 'index', 'feeds-db', ...allowed].includes(k));
  if (extra.length) {
    io.err(`option --${extra[0]} does not apply to "${command}"\n\n${USAGE}`);
    return 2;
  }
  try {
    const overrides: Partial<Config> = {};
    if (values.corpus) overrides.corpus = values.corpus;
    if (values.index) overrides.indexDir = values.index;
    if (values['feeds-db']) overrides.feeds = { ...loadConfig(io.env).feeds, db: values['feeds-db'] };
    const config = loadConfig(io.env, overrides);
    const logger = createLogger(config.logLevel, io.err);
    const topK = int(values['top-k'], 'top-k');
    if (values.lang !== undefined && values.lang !== 'vi' && values.lang !== 'en') throw new UsageError('--lang must be vi or en');
    const lang = values.lang as 'vi' | 'en' | undefined;
    const filter = filterFrom(values);
    const askOpts: AskOptions = { ...(topK ? { topK } : {}), ...(filter ? { filter } : {}), ...(lang ? { lang } : {}) };
    const oneArg = (what: string) => {
      if (rest.length !== 1 || !rest[0]?.trim()) throw new UsageError(`"${command}" takes one ${what} (quote it)`);
      return rest[0];
    };
    const open = async (): Promise<Engine> => {
      const bar = progressBar();
      try {
        const engine = await createEngine({ config: overrides, env: io.env, logger, onIndexProgress: (p) => bar.update(p) });
        // The engine checks the corpus in the background, which a one-shot command would close
        // before it ran: answer from the corpus as it is now (no work when no file changed).
        await engine.checked;
        return engine;
      } finally {
        bar.end();
      }
    };
    switch (command) {
      case 'feedback': {
        if (rest.length) throw new UsageError('"feedback" takes no arguments');
        const since = values.since === undefined ? undefined : isoDate(values.since, 'since');
        const limit = int(values.limit, 'limit');
        if (!config.feedbackDb) {
          // A setting, not a wrong command: no usage text.
          io.err('feedback is off (KIEMCHUNG_FEEDBACK_DB=off): there is nothing to report');
          return 1;
        }
        if (!config.database && !fs.existsSync(config.feedbackDb)) {
          io.err(`no feedback yet: ${config.feedbackDb} does not exist (the chat bots create it with their first 👍/👎 buttons)`);
          return 1;
        }
        const store = config.database ? await feedbackInDatabase(config.database, logger) : openSqliteFeedbackStore(config.feedbackDb);
        try {
          const r = await store.report({ ...(since ? { since } : {}), ...(limit ? { worst: limit } : {}) });
          io.out(values.json ? JSON.stringify(r, null, 2) : renderFeedbackReport(r));
        } finally {
          await store.close();
        }
        return 0;
      }
      case 'index': {
        if (rest.length) throw new UsageError('"index" takes no arguments');
        const embedder = await createEmbedder(config.embeddings, { config, logger });
        const backend = await openBackend({ config, embedder, logger });
        const bar = progressBar();
        const r = await backend.update({ corpus: config.corpus, rebuild: values.rebuild ?? false, onProgress: (p) => bar.update(p) }).finally(async () => {
          bar.end();
          await backend.close();
        });
        if (r.notice) io.err(r.notice);
        for (const i of r.issues) io.err(`skipped ${i.path}: ${i.reason}`);
        const what = r.wrote ? `${r.added} added, ${r.changed} changed, ${r.removed} removed, ${r.unchanged} unchanged` : 'up to date';
        io.out(`indexed ${r.articles} articles, ${r.passages} passages (${what}) in ${(r.ms / 1000).toFixed(2)} s → ${backend.location}`);
        if (r.issues.length) io.err(`${r.issues.length} article file(s) could not be indexed (see above)`);
        return r.issues.length ? 1 : 0;
      }
      case 'import-index': {
        if (rest.length) throw new UsageError('"import-index" takes no arguments');
        if (!config.database) throw new UsageError('import-index copies an embedded index into the database: set KIEMCHUNG_DATABASE_URL');
        const embedder = await createEmbedder(config.embeddings, { config, logger });
        const { openDatabase } = await import('../store/postgres/database.js');
        const { importEmbeddedIndex } = await import('../store/postgres/import-index.js');
        const db = openDatabase(config.database, logger, { role: 'write' });
        const bar = progressBar();
        const r = await importEmbeddedIndex({ indexDir: config.indexDir, db, embedder, logger, onProgress: (p) => bar.update(p) }).finally(async () => {
          bar.end();
          await db.close();
        });
        const what = r.wrote ? `${r.added} added, ${r.changed} changed, ${r.removed} removed, ${r.unchanged} unchanged` : 'already up to date';
        io.out(`copied ${r.articles} articles, ${r.passages} passages (${what}) from ${config.indexDir} in ${(r.ms / 1000).toFixed(2)} s → ${db.where}`);
        return 0;
      }
      case 'ask': {
        const q = oneArg('question');
        const engine = await open();
        const a = await engine.ask(q, askOpts);
        io.out(values.json ? JSON.stringify(a, null, 2) : renderAnswer(a));
        await engine.close();
        return 0;
      }
      case 'check': {
        const text = oneArg('statement');
        const engine = await open();
        // As /check in the chats: a text that is only a yes/no question is checked as its statement.
        const r = await engine.check(text, { ...askOpts, questionAsStatement: true });
        io.out(values.json ? JSON.stringify(r, null, 2) : renderCheck(r));
        await engine.close();
        return 0;
      }
      case 'search': {
        const q = oneArg('query');
        const engine = await open();
        const hits = await engine.search(q, { ...(topK ? { topK } : {}), ...(filter ? { filter } : {}) });
        io.out(values.json ? JSON.stringify(hits, null, 2) : renderHits(hits));
        await engine.close();
        return 0;
      }
      case 'source': {
        const id = oneArg('paragraph id, like iec-thanh-vien-2024#p2');
        const engine = await open();
        const p = await engine.source(id);
        await engine.close();
        if (!p) {
          io.err(`no paragraph "${id.slice(0, 80)}" (ids look like iec-thanh-vien-2024#p2; see "kiemchung search")`);
          return 1;
        }
        io.out(values.json ? JSON.stringify(p, null, 2) : renderSource(p));
        return 0;
      }
      case 'add': {
        if (rest.length === 0) throw new UsageError('"add" takes one or more URLs');
        const engine = await open();
        try {
          const report = await engine.add(rest);
          io.out(values.json ? JSON.stringify(report, null, 2) : renderAddReport(report));
          return report.results.every((r) => r.status === 'added' || r.status === 'updated' || r.status === 'unchanged') ? 0 : 1;
        } finally {
          await engine.close();
        }
      }
      case 'feed': {
        const [action, ...args] = rest;
        if (!['add', 'list', 'remove', 'poll'].includes(action ?? '')) throw new UsageError('"feed" takes add, list, remove or poll');
        const engine = await open();
        try {
          switch (action) {
            case 'add': {
              if (args.length !== 1) throw new UsageError('"feed add" takes one feed or sitemap URL');
              const backfill = int(values.backfill, 'backfill', 0) ?? 0;
              const r = await engine.feeds.add(args[0] as string, { backfill });
              io.out(values.json ? JSON.stringify(r, null, 2) : renderFeedAdd(r));
              return r.ok ? 0 : 1;
            }
            case 'list': {
              if (args.length) throw new UsageError('"feed list" takes no arguments');
              const list = engine.feeds.list();
              io.out(values.json ? JSON.stringify(list, null, 2) : renderFeedList(list));
              return 0;
            }
            case 'remove': {
              if (args.length !== 1) throw new UsageError('"feed remove" takes the feed URL');
              if (engine.feeds.remove(args[0] as string)) {
                io.out(`no longer following ${args[0]}`);
                return 0;
              }
              io.err(`${args[0]} is not followed (see "kiemchung feed list")`);
              return 1;
            }
            case 'poll': {
              if (args.length) throw new UsageError('"feed poll" takes no arguments');
              const r = await engine.feeds.poll();
              io.out(values.json ? JSON.stringify(r, null, 2) : renderFeedPoll(r));
              return r.feeds.some((f) => f.status === 'error') ? 1 : 0;
            }
            default:
              throw new UsageError('"feed" takes add, list, remove or poll');
          }
        } finally {
          await engine.close();
        }
      }
      case 'chat': {
        if (rest.length) throw new UsageError('"chat" takes no arguments');
        const engine = await open();
        await runChat(engine, { input: io.stdin, out: io.out, askOptions: askOpts });
        await engine.close();
        return 0;
      }
      case 'eval': {
        if (values.dialogues) {
          if (values.questions || values.claims || values['strip-marks'] || values['lower-case'])
            throw new UsageError('--dialogues goes without --questions, --claims, --strip-marks and --lower-case');
          // Date.parse takes "2023-02-30" for 2 March: the date itself must be on the calendar.
          if (values.now !== undefined && (Number.isNaN(Date.parse(values.now)) || !isIsoDate(values.now.slice(0, 10))))
            throw new UsageError('--now must be a date YYYY-MM-DD or an ISO date-time');
          const limit = int(values.limit, 'limit');
          const dl = int(values['distractor-limit'], 'distractor-limit', 0);
          const r = await runDialogueEval({
            dialogues: values.dialogues,
            corpus: config.corpus,
            ...(values.distractors ? { distractors: values.distractors } : {}),
            ...(dl !== undefined ? { distractorLimit: dl } : {}),
            ...(limit ? { limit } : {}),
            ...(values.now ? { now: values.now } : {}),
            cacheDir: path.join(path.dirname(path.resolve(config.indexDir)), 'eval'),
            config,
            logger,
          });
          if (values.json) io.out(JSON.stringify(r));
          else {
            for (const m of r.misses) io.out(`miss ${m.id} turn ${m.turn}: ${m.question}${m.understood ? ` (read as: ${m.understood})` : ''}: ${m.what}`);
            for (const line of dialogueSummaryLines(r)) io.out(line);
          }
          return 0;
        }
        if (values.now) throw new UsageError('--now goes with --dialogues');
        if (!values.questions === !values.claims) throw new UsageError('eval needs one of --questions FILE, --claims FILE or --dialogues FILE');
        if (values['distractor-limit'] && !values.distractors) throw new UsageError('--distractor-limit goes with --distractors');
        const limit = int(values.limit, 'limit');
        const dl = int(values['distractor-limit'], 'distractor-limit', 0);
        const tty = process.stderr.isTTY;
        if (values.claims) {
          const r = await runClaimEval({
            claims: values.claims,
            ...(values.dump ? { dump: values.dump } : {}),
            corpus: config.corpus,
            ...(values.distractors ? { distractors: values.distractors } : {}),
            ...(dl !== undefined ? { distractorLimit: dl } : {}),
            ...(limit ? { limit } : {}),
            stripMarks: values['strip-marks'] ?? false,
            lowerCase: values['lower-case'] ?? false,
            cacheDir: path.join(path.dirname(path.resolve(config.indexDir)), 'eval'),
            config,
            logger,
            ...(tty
              ? { onProgress: (d: number, t: number) => (d % 25 === 0 || d === t) && process.stderr.write(`\r${d}/${t} claims${d === t ? '\n' : ''}`) }
              : {}),
          });
          if (values.json) io.out(JSON.stringify(r));
          else {
            io.out(`claims=${r.claims} articles=${r.articles} passages=${r.passages}`);
            for (const line of confusionLines(r)) io.out(line);
            for (const l of CLAIM_LABELS) io.out(`${l}: P=${r.labels[l].p.toFixed(1)} R=${r.labels[l].r.toFixed(1)} F1=${r.labels[l].f1.toFixed(1)}`);
            if (r.mismatchesRight)
              io.out(
                `mismatches: ${r.mismatchesRight.right} of ${r.mismatchesRight.of} refuted claims contradicted with the expected kind and the source's words`,
              );
            io.out(claimSummaryLine(r));
          }
          return 0;
        }
        const r = await runEval({
          questions: values.questions as string,
          corpus: config.corpus,
          ...(values.distractors ? { distractors: values.distractors } : {}),
          ...(dl !== undefined ? { distractorLimit: dl } : {}),
          ...(limit ? { limit } : {}),
          stripMarks: values['strip-marks'] ?? false,
          lowerCase: values['lower-case'] ?? false,
          ...(values.dump ? { dump: values.dump } : {}),
          cacheDir: path.join(path.dirname(path.resolve(config.indexDir)), 'eval'),
          config,
          logger,
          ...(tty
            ? { onProgress: (d: number, t: number) => (d % 50 === 0 || d === t) && process.stderr.write(`\r${d}/${t} questions${d === t ? '\n' : ''}`) }
            : {}),
        });
        if (values.json) io.out(JSON.stringify(r));
        else {
          io.out(`questions=${r.questions} articles=${r.articles} passages=${r.passages}`);
          io.out(summaryLine(r));
        }
        return 0;
      }
    }
    return 2;
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`${err.message}\n\n${USAGE}`);
      return 2;
    }
    if (err instanceof KiemchungError) {
      io.err(`error (${err.code}): ${err.message}`);
      return 1;
    }
    io.err(`unexpected error: ${(err as Error)?.stack ?? String(err)}`);
    return 1;
  }
}

/** The feedback the replicas keep in the database. */
async function feedbackInDatabase(database: NonNullable<Config['database']>, logger: ReturnType<typeof createLogger>) {
  const { openDatabase } = await import('../store/postgres/database.js');
  const { migrate } = await import('../store/postgres/migrations.js');
  const { openPostgresFeedbackStore } = await import('../store/postgres/postgres-feedback.js');
  const db = openDatabase(database, logger);
  try {
    await migrate(db);
  } catch (err) {
    await db.close();
    throw err;
  }
  return openPostgresFeedbackStore(db);
}

/** True when this file is the program (also when started through a bin symlink, as npx does). */
function isMainModule(): boolean {
  const arg = process.argv[1];
  if (!arg) return false;
  try {
    return fs.realpathSync(arg) === fs.realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isMainModule()) {
  runCli(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
