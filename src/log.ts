import { KiemchungError } from './errors.js';

/** A small levelled logger writing one line per event to stderr, with secrets masked. */
export interface Logger {
  debug(msg: string, extra?: unknown): void;
  info(msg: string, extra?: unknown): void;
  warn(msg: string, extra?: unknown): void;
  error(msg: string, extra?: unknown): void;
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

const SECRET_NAME = /(TOKEN|SECRET|API_KEY|PASSWORD)$/;

/** Values of secret-looking environment variables (tokens, keys, database passwords) that must never reach a log line. */
export function secretValues(env: NodeJS.ProcessEnv = process.env): string[] {
  const out = Object.entries(env)
    .filter(([k, v]) => SECRET_NAME.test(k) && typeof v === 'string' && v.length >= 6)
    .map(([, v]) => v as string);
  for (const [k, v] of Object.entries(env)) if (/DATABASE_URL$/.test(k) && v) out.push(...urlPasswords(v));
  return out;
}

/** The password inside a connection URL, as written and decoded (a driver's message may show either). */
function urlPasswords(url: string): string[] {
  try {
    const raw = new URL(url).password;
    if (!raw) return [];
    const decoded = decodeURIComponent(raw);
    return [...new Set([raw, decoded])].filter((p) => p.length >= 3);
  } catch {
    return [];
  }
}

/** A secret that cannot be listed in advance (a token inside a URL): every match is replaced. */
export interface Mask {
  pattern: RegExp;
  replacement: string;
}

/** Replaces every occurrence of a secret with `***`, then every match of each mask. */
export function redact(text: string, secrets: readonly string[], masks: readonly Mask[] = []): string {
  let out = text;
  for (const s of secrets) if (s) out = out.split(s).join('***');
  for (const m of masks) out = out.replace(m.pattern.global ? m.pattern : new RegExp(m.pattern.source, `${m.pattern.flags}g`), m.replacement);
  return out;
}

/**
 * What a log line says of its extra: an error with its causes. The project's own errors
 * (`KiemchungError`: a provider out of reach, a bad setting) already say what happened and what
 * to do, so their stacks are written only at debug level; any other error (a bug) always has its stack.
 */
function render(extra: unknown, stacks: boolean): string {
  if (extra === undefined) return '';
  if (extra instanceof Error) {
    const own = !stacks && extra instanceof KiemchungError;
    const text = (e: Error) => (own ? `${e.name}: ${e.message}` : (e.stack ?? `${e.name}: ${e.message}`));
    const parts = [text(extra)];
    let cause = (extra as { cause?: unknown }).cause;
    while (cause instanceof Error) {
      parts.push(`caused by ${text(cause)}`);
      cause = (cause as { cause?: unknown }).cause;
    }
    return ` ${parts.join('\n')}`;
  }
  try {
    return ` ${JSON.stringify(extra)}`;
  } catch {
    return ` ${String(extra)}`;
  }
}

export function createLogger(
  level: LogLevel = 'info',
  write: (line: string) => void = (l) => process.stderr.write(`${l}\n`),
  secrets: readonly string[] = secretValues(),
): Logger {
  const at = (lvl: Exclude<LogLevel, 'silent'>) => (msg: string, extra?: unknown) => {
    if (ORDER[lvl] < ORDER[level]) return;
    write(redact(`${new Date().toISOString()} ${lvl.toUpperCase()} ${msg}${render(extra, level === 'debug')}`, secrets));
  };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
