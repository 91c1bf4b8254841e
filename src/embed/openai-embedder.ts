import { z } from 'zod';
import type { Config } from '../config.js';
import { errorMessage, ProviderError } from '../errors.js';
import type { Logger } from '../log.js';
import { hash32 } from '../text/hash.js';
import { httpFailure, type ProviderTarget, unreachable } from '../provider-failure.js';
import { Embedder } from './embedder.js';

export interface OpenAIEmbedderOptions {
  /** Inputs per request (OpenAI accepts up to 2048; local servers prefer fewer). */
  batchSize?: number;
  /** Retries after a 429, a 5xx or a dropped connection. */
  maxRetries?: number;
  /** First backoff delay; doubled each retry, with jitter, capped at 20 s. */
  baseDelayMs?: number;
  timeoutMs?: number;
  /** For models such as multilingual-e5 served by vLLM or TEI; default `query: `/`passage: ` when the name contains e5. */
  queryPrefix?: string;
  passagePrefix?: string;
  /** Asked of the server instead of the model's native size (OpenAI text-embedding-3-*). */
  dimensions?: number;
}

const DEFAULT_BASE_URL = 'https://api.openai.com/v1';

const responseSchema = z.object({
  data: z.array(z.object({ index: z.number().int().nonnegative(), embedding: z.array(z.number()) })),
});

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(t);
        reject(signal.reason);
      },
      { once: true },
    );
  });

function retryAfterMs(h: string | null): number | undefined {
  if (!h) return undefined;
  const s = Number(h);
  if (Number.isFinite(s)) return Math.max(0, s * 1000);
  const at = Date.parse(h);
  return Number.isFinite(at) ? Math.max(0, at - Date.now()) : undefined;
}

/**
 * Embeddings from any server speaking OpenAI's `POST /v1/embeddings`: OpenAI itself, Ollama,
 * vLLM, LM Studio, text-embeddings-inference. Plain `fetch`, so the retry policy and the
 * error messages are ours.
 */
export class OpenAIEmbedder extends Embedder {
  readonly id: string;
  readonly version: string;
  readonly kind = 'neural';
  dimension = 0;
  override readonly maxBatch: number;
  private readonly target: ProviderTarget;
  private readonly url: string;
  private readonly maxRetries: number;
  private readonly baseDelayMs: number;
  private readonly timeoutMs: number;
  private readonly queryPrefix: string;
  private readonly passagePrefix: string;

  constructor(
    readonly model: string,
    baseUrl: string,
    private readonly apiKey: string | undefined,
    private readonly options: OpenAIEmbedderOptions = {},
  ) {
    super({});
    const base = baseUrl.replace(/\/+$/, '');
    this.url = `${base}/embeddings`;
    this.target = { provider: 'openai-embeddings', model, baseUrl: base, keyVariable: 'OPENAI_API_KEY' };
    this.maxBatch = options.batchSize ?? 64;
    this.maxRetries = options.maxRetries ?? 3;
    this.baseDelayMs = options.baseDelayMs ?? 500;
    this.timeoutMs = options.timeoutMs ?? 60_000;
    const e5 = /(^|[^a-z])e5([^a-z]|$)/i.test(model);
    this.queryPrefix = options.queryPrefix ?? (e5 ? 'query: ' : '');
    this.passagePrefix = options.passagePrefix ?? (e5 ? 'passage: ' : '');
    this.id = `openai:${model}`;
    const variant = [this.queryPrefix, this.passagePrefix, options.dimensions ?? ''].join('\u0000');
    this.version = variant === '\u0000\u0000' ? '1' : `1-${hash32(variant).toString(36)}`;
  }

  /** One request with retries; returns the vectors in input order. */
  private async request(input: string[]): Promise<number[][]> {
    const body = JSON.stringify({
      model: this.model,
      input,
      encoding_format: 'float',
      ...(this.options.dimensions ? { dimensions: this.options.dimensions } : {}),
    });
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (this.apiKey) headers.authorization = `Bearer ${this.apiKey}`;
    for (let attempt = 0; ; attempt++) {
      const backoff = Math.min(20_000, this.baseDelayMs * 2 ** attempt) * (0.75 + Math.random() * 0.5);
      let res: Response;
      try {
        res = await fetch(this.url, { method: 'POST', headers, body, signal: AbortSignal.timeout(this.timeoutMs) });
      } catch (err) {
        if (attempt < this.maxRetries) {
          await sleep(backoff);
          continue;
        }
        throw unreachable(this.target, err);
      }
      if (res.ok) {
        let json: unknown;
        try {
          json = await res.json();
        } catch (err) {
          throw new ProviderError(this.target.provider, `${this.url} answered with something that is not JSON`, { cause: err });
        }
        const parsed = responseSchema.safeParse(json);
        if (!parsed.success) {
          throw new ProviderError(
            this.target.provider,
            `${this.url} answered without a valid "data" list of embeddings: ${parsed.error.issues[0]?.message ?? ''}`,
          );
        }
        const out = new Array<number[] | undefined>(input.length);
        for (const d of parsed.data.data) if (d.index < input.length) out[d.index] = d.embedding;
        if (out.some((v) => v === undefined)) {
          throw new ProviderError(this.target.provider, `${this.url} returned ${parsed.data.data.length} embeddings for ${input.length} inputs`);
        }
        return out as number[][];
      }
      const detail = await res.text().then(
        (t) => {
          try {
            const j = JSON.parse(t) as { error?: { message?: unknown } | string; message?: unknown };
            const m = typeof j.error === 'string' ? j.error : (j.error?.message ?? j.message);
            return typeof m === 'string' ? m : t;
          } catch {
            return t;
          }
        },
        () => '',
      );
      const transient = res.status === 429 || res.status >= 500;
      if (transient && attempt < this.maxRetries) {
        await sleep(Math.min(30_000, retryAfterMs(res.headers.get('retry-after')) ?? backoff));
        continue;
      }
      throw httpFailure(this.target, res.status, detail.trim());
    }
  }

  private async embed(texts: string[]): Promise<number[][]> {
    const out: number[][] = [];
    for (let i = 0; i < texts.length; i += this.maxBatch) {
      const vectors = await this.request(texts.slice(i, i + this.maxBatch));
      for (const v of vectors) {
        if (this.dimension && v.length !== this.dimension) {
          throw new ProviderError(this.target.provider, `model "${this.model}" returned a ${v.length}-dimensional vector, expected ${this.dimension}`);
        }
        out.push(v);
      }
    }
    return out;
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    return this.embed(texts.map((t) => this.passagePrefix + t));
  }

  async embedQuery(text: string): Promise<number[]> {
    return (await this.embed([this.queryPrefix + text]))[0] as number[];
  }

  /** Learns the dimension from one probe request (the manifest needs it before any indexing). */
  async probe(): Promise<void> {
    const [v] = await this.request([`${this.passagePrefix}kiểm chứng`]);
    if (!v || v.length === 0) throw new ProviderError(this.target.provider, `model "${this.model}" returned an empty vector`);
    this.dimension = v.length;
  }
}

/**
 * `KIEMCHUNG_EMBEDDINGS=openai:<model>`, against `OPENAI_BASE_URL` (default OpenAI's API) with
 * `OPENAI_API_KEY`. A local server (Ollama, vLLM, LM Studio) usually needs no key.
 */
export async function createOpenAIEmbedder(model: string, ctx: { config: Config; logger: Logger }, options: OpenAIEmbedderOptions = {}): Promise<Embedder> {
  const baseUrl = ctx.config.openaiBaseUrl ?? DEFAULT_BASE_URL;
  const apiKey = ctx.config.openaiApiKey;
  if (!model.trim()) throw new ProviderError('openai-embeddings', 'no model named (use KIEMCHUNG_EMBEDDINGS=openai:<model>)');
  if (!apiKey && baseUrl === DEFAULT_BASE_URL) {
    throw new ProviderError('openai-embeddings', 'OPENAI_API_KEY is not set (or set OPENAI_BASE_URL to a local OpenAI-compatible server such as Ollama)');
  }
  const embedder = new OpenAIEmbedder(model.trim(), baseUrl, apiKey, options);
  try {
    await embedder.probe();
  } catch (err) {
    if (err instanceof ProviderError) throw err;
    throw new ProviderError('openai-embeddings', `probe of model "${model}" failed: ${errorMessage(err)}`, { cause: err });
  }
  ctx.logger.info(`embeddings: ${embedder.id} at ${baseUrl}, ${embedder.dimension} dimensions`);
  return embedder;
}
