/**
 * A real HTTP server on 127.0.0.1 speaking the parts of the OpenAI API the providers use:
 * `POST /v1/embeddings` and `POST /v1/chat/completions` (plain JSON, or server-sent events
 * when the request asks to stream). Replies are scripted per test; every request is recorded.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  url: string;
  authorization: string | undefined;
  body: Record<string, unknown>;
}

export interface ChatMessage {
  role: string;
  content: string;
}

export interface FakeOpenAIOptions {
  /** Required bearer key; requests with another get 401. Default: any key, or none. */
  apiKey?: string;
  /** Models that exist; others get 404. */
  chatModels?: string[];
  embeddingModels?: string[];
  /** The assistant's reply to a chat request. */
  reply?: (messages: ChatMessage[], body: Record<string, unknown>) => string;
  /** Vectors for the inputs; default: a hashed bag of words. */
  embed?: (input: string[]) => number[][];
  /** Status codes to answer with, in order, before embeddings start succeeding. */
  embeddingFailures?: number[];
  /** Characters per streamed chunk. */
  chunkSize?: number;
}

export interface FakeOpenAI {
  baseUrl: string;
  requests: RecordedRequest[];
  chatRequests(): RecordedRequest[];
  embeddingRequests(): RecordedRequest[];
  close(): Promise<void>;
}

/** A small deterministic embedding: lower-cased words hashed into 32 dimensions. */
export function bagOfWords(text: string, dims = 32): number[] {
  const v = new Array<number>(dims).fill(0);
  for (const w of text
    .normalize('NFC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)) {
    if (!w) continue;
    let h = 2166136261;
    for (let i = 0; i < w.length; i++) h = Math.imul(h ^ w.charCodeAt(i), 16777619) >>> 0;
    v[h % dims] = (v[h % dims] as number) + 1;
  }
  return v;
}

function send(res: http.ServerResponse, status: number, json: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(json));
}

const apiError = (message: string, code: string) => ({ error: { message, type: 'invalid_request_error', code } });

export async function startFakeOpenAI(opts: FakeOpenAIOptions = {}): Promise<FakeOpenAI> {
  const requests: RecordedRequest[] = [];
  const failures = [...(opts.embeddingFailures ?? [])];
  const server = http.createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (raw += c));
    req.on('end', () => {
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(raw || '{}') as Record<string, unknown>;
      } catch {
        return send(res, 400, apiError('invalid JSON', 'invalid_json'));
      }
      const authorization = req.headers.authorization;
      requests.push({ url: req.url ?? '', authorization, body });
      if (opts.apiKey !== undefined && authorization !== `Bearer ${opts.apiKey}`) {
        return send(res, 401, apiError('Incorrect API key provided.', 'invalid_api_key'));
      }
      const model = String(body.model ?? '');
      if (req.method === 'POST' && req.url === '/v1/embeddings') {
        if (opts.embeddingModels && !opts.embeddingModels.includes(model))
          return send(res, 404, apiError(`model "${model}" not found, try pulling it first`, 'model_not_found'));
        const failure = failures.shift();
        if (failure !== undefined) return send(res, failure, apiError('temporarily unavailable', 'busy'), failure === 429 ? { 'retry-after': '0' } : {});
        const input = Array.isArray(body.input) ? (body.input as string[]) : [String(body.input)];
        const vectors = (opts.embed ?? ((xs) => xs.map((x) => bagOfWords(x))))(input);
        // Reversed on purpose: clients must order by `index`.
        const data = vectors.map((embedding, index) => ({ object: 'embedding', index, embedding })).reverse();
        return send(res, 200, { object: 'list', data, model, usage: { prompt_tokens: 1, total_tokens: 1 } });
      }
      if (req.method === 'POST' && req.url === '/v1/chat/completions') {
        if (opts.chatModels && !opts.chatModels.includes(model)) return send(res, 404, apiError(`The model \`${model}\` does not exist.`, 'model_not_found'));
        const messages = (body.messages ?? []) as ChatMessage[];
        const reply = opts.reply?.(messages, body) ?? '';
        const base = { id: 'chatcmpl-test', created: 1_700_000_000, model };
        if (body.stream === true) {
          res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
          const size = opts.chunkSize ?? 12;
          const event = (payload: unknown) => res.write(`data: ${JSON.stringify(payload)}\n\n`);
          event({ ...base, object: 'chat.completion.chunk', choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] });
          for (let i = 0; i < reply.length; i += size) {
            event({ ...base, object: 'chat.completion.chunk', choices: [{ index: 0, delta: { content: reply.slice(i, i + size) }, finish_reason: null }] });
          }
          event({ ...base, object: 'chat.completion.chunk', choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] });
          res.write('data: [DONE]\n\n');
          return res.end();
        }
        return send(res, 200, {
          ...base,
          object: 'chat.completion',
          choices: [{ index: 0, message: { role: 'assistant', content: reply }, finish_reason: 'stop' }],
          usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
        });
      }
      send(res, 404, apiError(`no route ${req.method} ${req.url}`, 'not_found'));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    chatRequests: () => requests.filter((r) => r.url === '/v1/chat/completions'),
    embeddingRequests: () => requests.filter((r) => r.url === '/v1/embeddings'),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A URL on 127.0.0.1 where nothing listens (a port just freed). */
export async function deadBaseUrl(): Promise<string> {
  const s = http.createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return `http://127.0.0.1:${port}/v1`;
}
