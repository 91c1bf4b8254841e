import type { Config } from '../config.js';
import { ConfigError } from '../errors.js';
import type { Logger } from '../log.js';
import type { Embedder } from './embedder.js';
import { CorpusEmbedder } from './corpus-embedder.js';
import { HashEmbedder } from './hash-embedder.js';

export interface EmbedderContext {
  config: Config;
  logger: Logger;
}

/**
 * Builds the embedder named by `KIEMCHUNG_EMBEDDINGS`. Optional providers are imported only
 * when chosen, so the default install needs none of their packages.
 */
export async function createEmbedder(spec: string, ctx: EmbedderContext): Promise<Embedder> {
  if (spec === 'corpus') return new CorpusEmbedder();
  if (spec === 'hash') return new HashEmbedder();
  const colon = spec.indexOf(':');
  const provider = spec.slice(0, colon);
  const rest = spec.slice(colon + 1);
  if (provider === 'transformers') {
    const { createTransformersEmbedder } = await import('./transformers-embedder.js');
    return createTransformersEmbedder(rest, ctx);
  }
  if (provider === 'openai') {
    const { createOpenAIEmbedder } = await import('./openai-embedder.js');
    return createOpenAIEmbedder(rest, ctx);
  }
  throw new ConfigError([`KIEMCHUNG_EMBEDDINGS: unknown provider "${provider}" (use corpus, hash, transformers:<folder> or openai:<model>)`]);
}
