import { type Logger, type Mask, redact } from '../../src/index.js';

/**
 * An error with the errors it wraps, as text: the ES2022 `cause`, or the `error` field in which
 * grammY's `HttpError` and `BotError` keep theirs (a network error that names the request URL).
 */
function describeError(err: unknown): string {
  const parts: string[] = [];
  let e: unknown = err;
  for (let depth = 0; e !== undefined && e !== null && depth < 5; depth++) {
    if (!(e instanceof Error)) {
      parts.push(depth === 0 ? String(e) : `caused by ${String(e)}`);
      break;
    }
    parts.push(depth === 0 ? (e.stack ?? `${e.name}: ${e.message}`) : `caused by ${e.stack ?? e.message}`);
    const { cause, error } = e as { cause?: unknown; error?: unknown };
    e = cause ?? (error instanceof Error ? error : undefined);
  }
  return parts.join('\n');
}

function describe(extra: unknown): string {
  if (extra === undefined) return '';
  try {
    return `: ${extra instanceof Error || typeof extra !== 'object' || extra === null ? describeError(extra) : JSON.stringify(extra)}`;
  } catch {
    return `: ${String(extra)}`;
  }
}

export interface MaskingOptions {
  /** Values that must never reach a log line (tokens, webhook secrets); those under 6 characters are ignored. */
  secrets: readonly string[];
  /** Secrets the adapter cannot list, such as its platform's token inside a request URL. */
  masks?: readonly Mask[];
}

/**
 * A logger that renders each line with its error (and the errors that error wraps) and masks
 * it before anything reaches `logger`. The engine's logger masks the secrets of `process.env`,
 * but an adapter may be given its environment another way, and an HTTP client's error carries
 * the request URL, which may hold the token.
 */
export function maskingLogger(logger: Logger, options: MaskingOptions): Logger {
  const secrets = options.secrets.filter((s) => s.length >= 6);
  const masks = options.masks ?? [];
  const at =
    (level: keyof Logger) =>
    (msg: string, extra?: unknown): void =>
      logger[level](redact(msg + describe(extra), secrets, masks));
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
