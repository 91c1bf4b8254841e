const ERROR_CODES = [
  'config',
  'corpus',
  'index-missing',
  'index-mismatch',
  'index-corrupt',
  'index-locked',
  'index-unwritable',
  'database',
  'provider',
  'input',
  'fetch',
  'feedback',
  'internal',
] as const;
/**
 * Every failure the engine reports has a `code` that adapters use to pick a short,
 * user-facing message, and an optional ES2022 `cause` with the original error.
 */
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Whether a value is one of the codes above (an error's code after it crossed a thread boundary, say). */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

/** The base of every error the engine throws. */
export class KiemchungError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'KiemchungError';
    this.code = code;
  }
}

/** Configuration is invalid; `issues` lists every bad key at once. */
export class ConfigError extends KiemchungError {
  readonly issues: string[];
  constructor(issues: string[]) {
    super('config', `Invalid configuration:\n  - ${issues.join('\n  - ')}`);
    this.name = 'ConfigError';
    this.issues = issues;
  }
}

/** A corpus could not be read at all (not: one bad article, which is reported and skipped). */
export class CorpusError extends KiemchungError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('corpus', message, options);
    this.name = 'CorpusError';
  }
}

/** One article could not be read: the loader reports it with its path and goes on with the others. */
export class ArticleError extends CorpusError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ArticleError';
  }
}

/**
 * The index folder has no usable index, or was built with different settings, or is damaged, or
 * is being written by another process, or cannot be written (a full disk, a read-only folder).
 */
export class IndexError extends KiemchungError {
  constructor(
    code: 'index-missing' | 'index-mismatch' | 'index-corrupt' | 'index-locked' | 'index-unwritable',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(code, message, options);
    this.name = 'IndexError';
  }
}

/**
 * The database that holds the shared index (KIEMCHUNG_DATABASE_URL) cannot be reached or
 * refused a request: the message says which and what to check, never the password.
 */
export class DatabaseError extends KiemchungError {
  /** The database could not be reached (down, restarting, unknown host), as opposed to refusing a request: worth waiting for. */
  readonly unreachable: boolean;
  constructor(message: string, options?: { cause?: unknown; unreachable?: boolean }) {
    super('database', message, options);
    this.name = 'DatabaseError';
    this.unreachable = options?.unreachable ?? false;
  }
}

/** An optional model provider (embedding API, LLM, local model folder) failed. */
export class ProviderError extends KiemchungError {
  readonly provider: string;
  constructor(provider: string, message: string, options?: { cause?: unknown }) {
    super('provider', `${provider}: ${message}`, options);
    this.name = 'ProviderError';
    this.provider = provider;
  }
}

/** The caller passed something the engine cannot take (empty question, malformed id…). */
export class InputError extends KiemchungError {
  constructor(message: string) {
    super('input', message);
    this.name = 'InputError';
  }
}

/** Why a URL could not be fetched (each kind gets its own sentence in the message). */
export type FetchFailure =
  'url' | 'scheme' | 'private-address' | 'dns' | 'network' | 'timeout' | 'too-large' | 'too-many-redirects' | 'status' | 'content-type' | 'robots' | 'aborted';

/**
 * A page, feed or robots.txt could not be fetched. The message names the URL and the reason;
 * `status` is the HTTP status when there was one, `retryAfterMs` what the server asked for.
 */
export class FetchError extends KiemchungError {
  readonly url: string;
  readonly reason: FetchFailure;
  readonly status?: number;
  readonly retryAfterMs?: number;
  constructor(url: string, reason: FetchFailure, detail: string, options?: { cause?: unknown; status?: number; retryAfterMs?: number }) {
    super('fetch', `${url}: ${detail}`, options);
    this.name = 'FetchError';
    this.url = url;
    this.reason = reason;
    if (options?.status !== undefined) this.status = options.status;
    if (options?.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
  }
}

/** The feedback database could not be opened or written. */
export class FeedbackError extends KiemchungError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('feedback', message, options);
    this.name = 'FeedbackError';
  }
}

/** A bug: something the code relies on does not hold (a quote not in its paragraph, a passage id the store never gave). */
export class InternalError extends KiemchungError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('internal', message, options);
    this.name = 'InternalError';
  }
}

/** The message of anything thrown (an Error's message, else its string form). */
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
