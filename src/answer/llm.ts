import { HumanMessage, SystemMessage, type BaseMessage } from '@langchain/core/messages';
import { initChatModel, MODEL_PROVIDER_CONFIG } from 'langchain/chat_models/universal';
import type { Config } from '../config.js';
import { ConfigError, errorMessage, ProviderError } from '../errors.js';
import type { Logger } from '../log.js';
import { httpFailure, networkCode, type ProviderTarget, unreachable } from '../provider-failure.js';
import fs from 'node:fs';
import path from 'node:path';
import type { RewriteInput } from '../dialogue/converse.js';
import { turnStatement } from '../dialogue/turn.js';
import type { Lang } from '../types.js';
import { checkCitations } from './check-citations.js';
import { formatSources, loadPrompts, renderTemplate, type AnswerPrompts } from './llm-prompts.js';

/** One numbered paragraph given to the model. */
export interface LlmSource {
  marker: number;
  paragraphId: string;
  title: string;
  date: string;
  text: string;
}

/** A checked LLM answer: only sentences whose citations hold survive. */
export interface LlmResult {
  /** Kept sentences with their original [n] markers. */
  text: string;
  citedMarkers: number[];
  /** marker -> verbatim quote from that paragraph supporting the answer. */
  quotes: Map<number, string>;
  /** True when the checker removed something. */
  flagged: boolean;
  checks: string[];
}

export interface LlmAnswerInput {
  question: string;
  lang: Lang;
  sources: LlmSource[];
  /** Called with the growing raw text while the model streams. */
  onPartial?: (text: string) => void;
  signal?: AbortSignal;
}

export interface LlmAnswerer {
  /** `provider:model`, as configured. */
  id: string;
  /** The checked answer, or null when the model declined or too little survived the check. */
  answer(input: LlmAnswerInput): Promise<LlmResult | null>;
  /**
   * The model's raw reply to a system and a user message (for the claim check, which verifies
   * the reply itself). Throws a `ProviderError` when the provider fails.
   */
  complete(system: string, user: string, signal?: AbortSignal): Promise<string>;
  /**
   * A follow-up question rewritten to stand alone, from the conversation so far; null when the
   * model gave nothing usable. Absent when the rewrite prompts are missing.
   */
  rewrite?(input: RewriteInput): Promise<string | null>;
}

/** The follow-up prompts (`rewrite.{vi,en}.md`), each with {{history}} and {{question}}. */
function loadRewritePrompts(dir: string): Record<Lang, string> | null {
  try {
    const read = (lang: Lang) =>
      fs
        .readFileSync(path.join(dir, `rewrite.${lang}.md`), 'utf8')
        .normalize('NFC')
        .trim();
    const out = { vi: read('vi'), en: read('en') };
    return out.vi.includes('{{question}}') && out.en.includes('{{question}}') ? out : null;
  } catch {
    return null;
  }
}

/** Earlier turns as the rewrite prompt shows them: each question and the start of what was quoted. */
function formatHistory(history: RewriteInput['history']): string {
  return history
    .map((t) => {
      const asked = turnStatement(t).replace(/[<>]/g, ' ');
      const quoted = t.citations
        .slice(0, 2)
        .map((c) => `“${c.quote.slice(0, 300).replace(/[<>]/g, ' ')}”`)
        .join(' ');
      return `Q: ${asked}\nA: ${t.refused ? '(no answer)' : quoted}`;
    })
    .join('\n\n');
}

/** What the model writes when the paragraphs do not answer the question (see the prompts). */
export const NO_ANSWER = '[[NO_ANSWER]]';

export interface LlmAnswererOptions {
  /** Prompts instead of reading KIEMCHUNG_PROMPTS_DIR. */
  prompts?: AnswerPrompts;
  /** Retries inside the provider client (429/5xx); default 2. */
  maxRetries?: number;
  /** Per-answer time limit; default 120 s. */
  timeoutMs?: number;
  /** Share of sentences that must survive the check; default 0.5. */
  minKeptRatio?: number;
}

/** The slice of LangChain's chat model used here. */
interface ChatModel {
  invoke(messages: BaseMessage[], options?: { signal?: AbortSignal }): Promise<{ text: string }>;
  stream(messages: BaseMessage[], options?: { signal?: AbortSignal }): Promise<AsyncIterable<{ text: string }>>;
}

function parseSpec(spec: string): { provider: string; model: string } {
  const colon = spec.indexOf(':');
  const provider = colon > 0 ? spec.slice(0, colon).trim() : '';
  const model = colon > 0 ? spec.slice(colon + 1).trim() : '';
  if (!provider || !model) throw new ConfigError([`KIEMCHUNG_LLM: expected provider:model (e.g. openai:gpt-4o-mini), got "${spec}"`]);
  return { provider, model };
}

function isAbort(err: unknown, signal?: AbortSignal): boolean {
  return (signal?.aborted ?? false) || (err instanceof Error && err.name === 'AbortError');
}

/** Third-party failures as a ProviderError that says what to fix. */
function wrapFailure(target: ProviderTarget, err: unknown): Error {
  if (err instanceof ProviderError) return err;
  const status = (err as { status?: unknown }).status;
  if (typeof status === 'number') {
    const message = errorMessage(err).split('\n')[0] ?? '';
    return httpFailure(target, status, message.replace(/^\d{3}\s*/, ''), err);
  }
  const name = err instanceof Error ? `${err.constructor.name} ${err.name}` : '';
  if (networkCode(err) || /Connection/i.test(name) || /fetch failed|ECONNREFUSED|Connection error/i.test(errorMessage(err))) return unreachable(target, err);
  return new ProviderError(target.provider, errorMessage(err), { cause: err });
}

/**
 * `KIEMCHUNG_LLM=provider:model` through LangChain's `initChatModel`. `openai:` honours
 * OPENAI_BASE_URL (any OpenAI-compatible server: Ollama, vLLM, LM Studio) and OPENAI_API_KEY;
 * other providers (`anthropic:`, `ollama:`…) need their `@langchain/<provider>` package and read
 * their own key variables.
 */
export async function createLlmAnswerer(spec: string, ctx: { config: Config; logger: Logger }, options: LlmAnswererOptions = {}): Promise<LlmAnswerer> {
  const { provider, model } = parseSpec(spec);
  const prompts = options.prompts ?? loadPrompts(ctx.config.promptsDir);
  const known = (MODEL_PROVIDER_CONFIG as Record<string, { package: string }>)[provider];
  if (!known) {
    throw new ConfigError([`KIEMCHUNG_LLM: unknown provider "${provider}" (known: ${Object.keys(MODEL_PROVIDER_CONFIG).join(', ')})`]);
  }
  try {
    await import(known.package);
  } catch (err) {
    throw new ProviderError(`llm ${provider}`, `the package ${known.package} is not installed; install it with: npm install ${known.package}`, { cause: err });
  }

  const fields: Record<string, unknown> = { modelProvider: provider, temperature: 0, maxRetries: options.maxRetries ?? 2 };
  let baseUrl = `${provider} default endpoint`;
  if (provider === 'openai') {
    baseUrl = ctx.config.openaiBaseUrl ?? 'https://api.openai.com/v1';
    if (!ctx.config.openaiApiKey && !ctx.config.openaiBaseUrl) {
      throw new ProviderError(`llm ${spec}`, 'OPENAI_API_KEY is not set (or set OPENAI_BASE_URL to a local OpenAI-compatible server such as Ollama or vLLM)');
    }
    // Local servers ignore the key, but the OpenAI client refuses to start without one.
    fields.apiKey = ctx.config.openaiApiKey ?? 'not-needed';
    if (ctx.config.openaiBaseUrl) fields.configuration = { baseURL: ctx.config.openaiBaseUrl };
  }
  const target: ProviderTarget = { provider: `llm ${spec}`, model, baseUrl, keyVariable: provider === 'openai' ? 'OPENAI_API_KEY' : `the ${provider} API key` };
  let chat: ChatModel;
  try {
    chat = (await initChatModel(model, fields)) as unknown as ChatModel;
  } catch (err) {
    throw wrapFailure(target, err);
  }
  const timeoutMs = options.timeoutMs ?? 120_000;
  ctx.logger.info(`LLM answers: ${spec}${provider === 'openai' ? ` at ${baseUrl}` : ''}`);

  const rewritePrompts = loadRewritePrompts(ctx.config.promptsDir);
  if (!rewritePrompts)
    ctx.logger.warn(`no follow-up prompts (rewrite.vi.md, rewrite.en.md) in ${ctx.config.promptsDir}: follow-up questions are read by the built-in rules only`);
  const rewrite = async (input: RewriteInput): Promise<string | null> => {
    if (!rewritePrompts) return null;
    const prompt = renderTemplate(rewritePrompts[input.lang], { history: formatHistory(input.history), question: input.question.replace(/[<>]/g, ' ') });
    const signal = input.signal ? AbortSignal.any([input.signal, AbortSignal.timeout(timeoutMs)]) : AbortSignal.timeout(timeoutMs);
    let raw: string;
    try {
      raw = (await chat.invoke([new HumanMessage(prompt)], { signal })).text;
    } catch (err) {
      if (isAbort(err, input.signal)) throw err;
      ctx.logger.warn('follow-up rewrite failed; using the built-in rules', wrapFailure(target, err));
      return null;
    }
    const line = (raw.split('\n').find((l) => /[\p{L}\p{N}]/u.test(l)) ?? '')
      .replace(/^\s*(?:[-*]|Q:|Câu hỏi(?: mới)?:|New question:)\s*/iu, '')
      .replace(/^["“”']+|["“”']+$/g, '')
      .trim();
    if (!line || line.length > 500 || line.includes(NO_ANSWER)) return null;
    return line;
  };

  return {
    id: spec,
    async complete(system, user, callerSignal) {
      const signal = callerSignal ? AbortSignal.any([callerSignal, AbortSignal.timeout(timeoutMs)]) : AbortSignal.timeout(timeoutMs);
      try {
        return (await chat.invoke([new SystemMessage(system), new HumanMessage(user)], { signal })).text;
      } catch (err) {
        if (isAbort(err, callerSignal)) throw err;
        throw wrapFailure(target, err);
      }
    },
    ...(rewritePrompts ? { rewrite } : {}),
    async answer(input) {
      if (input.sources.length === 0) return null;
      const values = {
        sources: formatSources(input.sources),
        question: input.question,
        source_count: String(input.sources.length),
      };
      const messages = [
        new SystemMessage(renderTemplate(prompts.system[input.lang], values)),
        new HumanMessage(renderTemplate(prompts.user[input.lang], values)),
      ];
      const signal = input.signal ? AbortSignal.any([input.signal, AbortSignal.timeout(timeoutMs)]) : AbortSignal.timeout(timeoutMs);
      let raw = '';
      try {
        if (input.onPartial) {
          for await (const chunk of await chat.stream(messages, { signal })) {
            if (!chunk.text) continue;
            raw += chunk.text;
            const shown = raw.replace(NO_ANSWER, '').trim();
            if (shown) input.onPartial(shown);
          }
        } else {
          raw = (await chat.invoke(messages, { signal })).text;
        }
      } catch (err) {
        if (isAbort(err, input.signal)) throw err;
        throw wrapFailure(target, err);
      }
      if (raw.includes(NO_ANSWER)) {
        ctx.logger.debug(`${spec}: the model found no answer in ${input.sources.length} paragraphs`);
        return null;
      }
      const check = checkCitations(raw, input.sources, {
        lang: input.lang,
        ...(options.minKeptRatio !== undefined ? { minKeptRatio: options.minKeptRatio } : {}),
      });
      for (const c of check.checks) ctx.logger.info(`citation check: ${c}`);
      if (!check.enough) {
        ctx.logger.info(
          `${spec}: ${check.sentences.filter((s) => s.ok).length} of ${check.sentences.length} sentences passed the citation check; falling back to the extractive answer`,
        );
        return null;
      }
      return { text: check.text, citedMarkers: check.citedMarkers, quotes: check.quotes, flagged: check.flagged, checks: check.checks };
    },
  };
}
