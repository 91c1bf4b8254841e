import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.js';
import { errorMessage, ProviderError } from '../errors.js';
import type { Logger } from '../log.js';
import { hash32 } from '../text/hash.js';
import { Embedder } from './embedder.js';

export type Pooling = 'mean' | 'cls' | 'last_token';

export interface TransformersEmbedderOptions {
  /** Prepended to questions; default from the folder (sentence-transformers prompts, or e5's `query: `). */
  queryPrefix?: string;
  /** Prepended to passages; default from the folder (or e5's `passage: `). */
  passagePrefix?: string;
  /** Default from `1_Pooling/config.json`, else mean. */
  pooling?: Pooling;
  /** Texts per forward pass (padding makes big CPU batches slow). */
  batchSize?: number;
}

const PROVIDER = 'transformers';
// Kept in a variable so that TypeScript does not resolve the optional package at build time.
const PACKAGE = '@huggingface/transformers';
const INSTALL_HINT = `install it with: ONNXRUNTIME_NODE_INSTALL=skip npm install ${PACKAGE} (the skip avoids the CUDA download on machines without a GPU)`;

/** The few parts of `@huggingface/transformers` used here. */
interface TransformersModule {
  env: {
    allowRemoteModels: boolean;
    allowLocalModels: boolean;
    localModelPath: string;
    useFSCache: boolean;
    useBrowserCache: boolean;
  };
  pipeline(task: 'feature-extraction', model: string, options: Record<string, unknown>): Promise<FeaturePipeline>;
}
interface FeaturePipeline {
  (texts: string[], options: { pooling: Pooling; normalize: boolean }): Promise<{ dims: number[]; data: ArrayLike<number> }>;
  dispose(): Promise<void>;
}

async function importTransformers(): Promise<TransformersModule> {
  try {
    return (await import(PACKAGE)) as TransformersModule;
  } catch (err) {
    throw new ProviderError(PROVIDER, `the optional package ${PACKAGE} is not installed; ${INSTALL_HINT}`, { cause: err });
  }
}

function readJson(file: string): Record<string, unknown> | null {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch {
    return null;
  }
}

const DTYPE_FILES: Array<[string, string]> = [
  ['fp32', 'model.onnx'],
  ['q8', 'model_quantized.onnx'],
  ['fp16', 'model_fp16.onnx'],
  ['int8', 'model_int8.onnx'],
  ['uint8', 'model_uint8.onnx'],
  ['q4', 'model_q4.onnx'],
];

/** What the model folder says about itself: which ONNX file, prefixes and pooling to use. */
export interface ModelFolderInfo {
  dtype: string;
  /** `onnx` (transformers.js layout) or `` (the model file beside config.json). */
  subfolder: string;
  onnxFile: string;
  externalData: boolean;
  queryPrefix: string;
  passagePrefix: string;
  pooling: Pooling;
  /** Changes whenever the files that determine the vectors change. */
  fingerprint: string;
}

export function inspectModelFolder(dir: string, options: TransformersEmbedderOptions = {}): ModelFolderInfo {
  const config = readJson(path.join(dir, 'config.json'));
  if (!config)
    throw new ProviderError(
      PROVIDER,
      `no readable config.json in ${dir}; expected a model exported for transformers.js (config.json, tokenizer.json, onnx/model.onnx)`,
    );
  if (!fs.existsSync(path.join(dir, 'tokenizer.json'))) throw new ProviderError(PROVIDER, `no tokenizer.json in ${dir}`);
  // transformers.js looks in onnx/; optimum-cli writes model.onnx next to config.json. Both work.
  const subfolder = DTYPE_FILES.some(([, f]) => fs.existsSync(path.join(dir, 'onnx', f))) ? 'onnx' : '';
  const found = DTYPE_FILES.find(([, f]) => fs.existsSync(path.join(dir, subfolder, f)));
  if (!found) {
    throw new ProviderError(
      PROVIDER,
      `no ONNX model in ${path.join(dir, 'onnx')} or ${dir} (looked for ${DTYPE_FILES.map(([, f]) => f).join(', ')}); export one with optimum-cli export onnx`,
    );
  }
  const [dtype, onnxFile] = found;
  const onnxPath = path.join(dir, subfolder, onnxFile);
  const externalData = fs.existsSync(`${onnxPath}_data`);

  // Prefixes: explicit options, then sentence-transformers' prompts, then the model family's convention.
  const st = readJson(path.join(dir, 'config_sentence_transformers.json'));
  const prompts = (st?.prompts ?? {}) as Record<string, unknown>;
  const pick = (...keys: string[]) => keys.map((k) => prompts[k]).find((v): v is string => typeof v === 'string');
  const name = `${typeof config._name_or_path === 'string' ? config._name_or_path : ''} ${path.basename(dir)}`.toLowerCase();
  const family = /(^|[^a-z])e5([^a-z]|$)/.test(name)
    ? { q: 'query: ', p: 'passage: ' }
    : /nomic-embed/.test(name)
      ? { q: 'search_query: ', p: 'search_document: ' }
      : { q: '', p: '' };
  const queryPrefix = options.queryPrefix ?? pick('query') ?? family.q;
  const passagePrefix = options.passagePrefix ?? pick('passage', 'document', 'doc') ?? family.p;

  const poolingConfig = readJson(path.join(dir, '1_Pooling', 'config.json'));
  const pooling: Pooling =
    options.pooling ??
    (poolingConfig?.pooling_mode_cls_token === true
      ? 'cls'
      : poolingConfig?.pooling_mode_lasttoken === true
        ? 'last_token'
        : /bge-m3/.test(name) && !poolingConfig
          ? 'cls'
          : 'mean');

  const size = fs.statSync(onnxPath).size;
  const fingerprint = hash32(
    [JSON.stringify(config), fs.statSync(path.join(dir, 'tokenizer.json')).size, onnxFile, size, queryPrefix, passagePrefix, pooling].join('\u0000'),
  ).toString(36);
  return { dtype, subfolder, onnxFile, externalData, queryPrefix, passagePrefix, pooling, fingerprint };
}

/**
 * A sentence-embedding model (multilingual-e5, bge-m3…) exported to ONNX and run locally by
 * `@huggingface/transformers`. Nothing is ever fetched from a model hub: remote loading is
 * switched off and the model is read from its folder.
 */
export class TransformersEmbedder extends Embedder {
  readonly id: string;
  readonly version: string;
  readonly kind = 'neural';
  readonly dimension: number;
  override readonly maxBatch: number;

  constructor(
    spec: string,
    private readonly extractor: FeaturePipeline,
    private readonly info: ModelFolderInfo,
    dimension: number,
    batchSize: number,
  ) {
    super({});
    this.id = `${PROVIDER}:${spec}`;
    this.version = `1-${info.fingerprint}`;
    this.dimension = dimension;
    this.maxBatch = batchSize;
  }

  private async run(texts: string[]): Promise<number[][]> {
    const out: number[][] = [];
    for (let i = 0; i < texts.length; i += this.maxBatch) {
      const batch = texts.slice(i, i + this.maxBatch);
      let t: { dims: number[]; data: ArrayLike<number> };
      try {
        t = await this.extractor(batch, { pooling: this.info.pooling, normalize: true });
      } catch (err) {
        throw new ProviderError(PROVIDER, `embedding failed with the model ${this.id}: ${errorMessage(err)}`, { cause: err });
      }
      const width = t.dims[t.dims.length - 1] ?? 0;
      for (let r = 0; r < batch.length; r++) {
        const row = new Array<number>(width);
        for (let j = 0; j < width; j++) row[j] = t.data[r * width + j] as number;
        out.push(row);
      }
    }
    return out;
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    return this.run(texts.map((t) => this.info.passagePrefix + t));
  }

  async embedQuery(text: string): Promise<number[]> {
    const [v] = await this.run([this.info.queryPrefix + text]);
    return v as number[];
  }

  override async close(): Promise<void> {
    await this.extractor.dispose();
  }
}

/**
 * Loads the model in `folder` (`KIEMCHUNG_EMBEDDINGS=transformers:<folder>`). The dimension is
 * read from the model by embedding one probe text.
 */
export async function createTransformersEmbedder(
  folder: string,
  ctx: { config: Config; logger: Logger },
  options: TransformersEmbedderOptions = {},
): Promise<Embedder> {
  const dir = path.resolve(folder);
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    throw new ProviderError(
      PROVIDER,
      `model folder ${dir} does not exist (KIEMCHUNG_EMBEDDINGS=transformers:<folder> must name a local folder; models are never downloaded)`,
    );
  }
  const info = inspectModelFolder(dir, options);
  const tf = await importTransformers();
  tf.env.allowRemoteModels = false;
  tf.env.allowLocalModels = true;
  tf.env.useFSCache = false;
  tf.env.useBrowserCache = false;
  // transformers.js joins localModelPath and a model id; an id must be a single plain name.
  const base = path.basename(dir);
  const plainName = /^[\w.-]{1,96}$/.test(base) && !base.includes('..') && !base.includes('--');
  tf.env.localModelPath = plainName ? path.dirname(dir) : '/';
  const modelId = plainName ? base : dir;

  ctx.logger.info(
    `loading embedding model from ${dir} (${path.join(info.subfolder, info.onnxFile)}, ${info.pooling} pooling, query prefix ${JSON.stringify(info.queryPrefix)})`,
  );
  let extractor: FeaturePipeline;
  try {
    extractor = await tf.pipeline('feature-extraction', modelId, {
      dtype: info.dtype,
      subfolder: info.subfolder,
      device: 'cpu',
      local_files_only: true,
      ...(info.externalData ? { use_external_data_format: true } : {}),
    });
  } catch (err) {
    throw new ProviderError(PROVIDER, `cannot load the model in ${dir}: ${errorMessage(err)}`, { cause: err });
  }
  const batchSize = options.batchSize ?? 16;
  let dimension = 0;
  try {
    const probe = await extractor(['kiểm chứng'], { pooling: info.pooling, normalize: true });
    dimension = probe.dims[probe.dims.length - 1] ?? 0;
  } catch (err) {
    await extractor.dispose().catch(() => undefined);
    throw new ProviderError(PROVIDER, `the model in ${dir} loaded but could not embed a test sentence: ${errorMessage(err)}`, { cause: err });
  }
  if (!(dimension > 0)) throw new ProviderError(PROVIDER, `the model in ${dir} returned empty vectors`);
  return new TransformersEmbedder(folder, extractor, info, dimension, batchSize);
}
