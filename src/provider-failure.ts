import { errorMessage, ProviderError } from './errors.js';

/** Where a remote model lives, for messages that say what to fix. */
export interface ProviderTarget {
  /** e.g. `openai-embeddings`, `llm openai:gpt-4o-mini`. */
  provider: string;
  model: string;
  /** Base URL the request went to (shown in the message; never contains the key). */
  baseUrl: string;
  /** Environment variable that holds the key, e.g. OPENAI_API_KEY. */
  keyVariable?: string;
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET',
]);

/** The first `code` found along an error's cause chain (`fetch failed` hides it in `cause`). */
export function networkCode(err: unknown): string | undefined {
  let e: unknown = err;
  for (let depth = 0; depth < 5 && e && typeof e === 'object'; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && NETWORK_CODES.has(code)) return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * A clear `ProviderError` for an HTTP status from an OpenAI-compatible server: the three
 * everyday mistakes (wrong key, wrong model name, wrong URL) each get their own advice.
 */
export function httpFailure(target: ProviderTarget, status: number, detail: string, cause?: unknown): ProviderError {
  const where = `${target.baseUrl}`;
  const said = detail ? `: ${detail.slice(0, 300)}` : '';
  const opts = cause === undefined ? undefined : { cause };
  if (status === 401 || status === 403) {
    return new ProviderError(
      target.provider,
      `the server at ${where} rejected the API key (HTTP ${status})${said}; check ${target.keyVariable ?? 'the API key'}`,
      opts,
    );
  }
  if (status === 404 || (status === 400 && /model/i.test(detail) && /not (found|exist)|does not exist|unknown/i.test(detail))) {
    return new ProviderError(
      target.provider,
      `model "${target.model}" was not found at ${where} (HTTP ${status})${said}; check the model name (for Ollama: ollama pull <model>) and that the base URL ends in /v1`,
      opts,
    );
  }
  if (status === 429) return new ProviderError(target.provider, `rate limited by ${where} (HTTP 429) after retries${said}`, opts);
  return new ProviderError(target.provider, `request to ${where} failed with HTTP ${status}${said}`, opts);
}

/** A `ProviderError` for a request that got no HTTP answer at all. */
export function unreachable(target: ProviderTarget, err: unknown): ProviderError {
  const code = networkCode(err);
  return new ProviderError(
    target.provider,
    `cannot reach the server at ${target.baseUrl}${code ? ` (${code})` : ''}: ${errorMessage(err)}; is it running, and is OPENAI_BASE_URL right?`,
    { cause: err },
  );
}
