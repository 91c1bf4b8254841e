/**
 * Writes a tiny sentence-embedding model folder in the layout `@huggingface/transformers`
 * loads (config.json, tokenizer.json, tokenizer_config.json, onnx/model.onnx), so the
 * transformers embedder can be tested end to end without downloading anything.
 *
 * The ONNX graph is a token-embedding lookup masked by the attention mask:
 *   last_hidden_state = Gather(table, input_ids) * Unsqueeze(Cast(attention_mask), -1)
 * Mean pooling of that is a bag-of-syllables vector, which is enough to make related
 * Vietnamese sentences closer than unrelated ones. The protobuf is encoded by hand below.
 */
import fs from 'node:fs';
import path from 'node:path';

// --- protobuf wire format -------------------------------------------------------------------

function varint(n: number | bigint): number[] {
  let v = BigInt.asUintN(64, BigInt(n));
  const out: number[] = [];
  do {
    let byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v > 0n) byte |= 0x80;
    out.push(byte);
  } while (v > 0n);
  return out;
}

type Bytes = number[] | Uint8Array;

const key = (field: number, wire: number) => varint((field << 3) | wire);
const int = (field: number, n: number | bigint): number[] => [...key(field, 0), ...varint(n)];
function bytes(field: number, payload: Bytes): number[] {
  return [...key(field, 2), ...varint(payload.length), ...payload];
}
const str = (field: number, s: string) => bytes(field, new TextEncoder().encode(s));
const msg = (field: number, ...parts: number[][]) => bytes(field, parts.flat());

// --- ONNX messages (field numbers from onnx.proto) ------------------------------------------

const FLOAT = 1;
const INT64 = 7;

/** TensorShapeProto.Dimension: a fixed size or a symbolic name. */
function dim(d: number | string): number[] {
  return typeof d === 'number' ? int(1, d) : str(2, d);
}

/** ValueInfoProto for a dense tensor. */
function valueInfo(field: number, name: string, elemType: number, shape: (number | string)[]): number[] {
  const tensorShape = shape.map((d) => msg(1, dim(d))).flat();
  const tensorType = [...int(1, elemType), ...bytes(2, tensorShape)];
  const typeProto = msg(1, tensorType);
  return msg(field, str(1, name), bytes(2, typeProto));
}

function tensor(name: string, elemType: number, dims: number[], raw: Uint8Array): number[] {
  return msg(5, ...dims.map((d) => int(1, d)), int(2, elemType), str(8, name), bytes(9, raw));
}

function node(op: string, inputs: string[], outputs: string[], attrs: number[][] = []): number[] {
  return msg(1, ...inputs.map((i) => str(1, i)), ...outputs.map((o) => str(2, o)), str(3, `${op.toLowerCase()}_0`), str(4, op), ...attrs);
}

/** AttributeProto of type INT (2). */
const intAttr = (name: string, value: number) => msg(5, str(1, name), int(3, value), int(20, 2));

export function tinyOnnxModel(table: Float32Array, vocabSize: number, hidden: number): Uint8Array {
  const axes = new BigInt64Array([-1n]);
  const graph = [
    node('Gather', ['embeddings', 'input_ids'], ['token_vectors']),
    node('Cast', ['attention_mask'], ['mask_float'], [intAttr('to', FLOAT)]),
    node('Unsqueeze', ['mask_float', 'mask_axes'], ['mask_3d']),
    node('Mul', ['token_vectors', 'mask_3d'], ['last_hidden_state']),
    str(2, 'tiny_embedder'),
    tensor('embeddings', FLOAT, [vocabSize, hidden], new Uint8Array(table.buffer, table.byteOffset, table.byteLength)),
    tensor('mask_axes', INT64, [1], new Uint8Array(axes.buffer)),
    valueInfo(11, 'input_ids', INT64, ['batch', 'sequence']),
    valueInfo(11, 'attention_mask', INT64, ['batch', 'sequence']),
    valueInfo(12, 'last_hidden_state', FLOAT, ['batch', 'sequence', hidden]),
  ].flat();
  const model = [
    ...int(1, 8), // ir_version
    ...str(2, 'kiemchung-test'),
    ...bytes(7, graph),
    ...msg(8, str(1, ''), int(2, 13)), // opset_import: default domain, opset 13
  ];
  return Uint8Array.from(model);
}

// --- model folder ---------------------------------------------------------------------------

export interface TinyModelOptions {
  /** Words the tokenizer knows (lower-cased, NFC); everything else is [UNK]. */
  words: string[];
  hidden?: number;
  /** Written to config.json as `_name_or_path` (prefix detection keys on it). */
  nameOrPath?: string;
  /** Sentence-transformers prompts written to config_sentence_transformers.json. */
  prompts?: Record<string, string>;
}

/** A deterministic pseudo-random vector per token id, so related texts share components. */
function tokenTable(vocabSize: number, hidden: number): Float32Array {
  const t = new Float32Array(vocabSize * hidden);
  let s = 0x9e3779b9;
  for (let i = 0; i < t.length; i++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    t[i] = ((s >>> 0) / 0xffffffff) * 2 - 1;
  }
  // Special tokens carry no meaning.
  for (let id = 0; id < 4; id++) t.fill(0, id * hidden, (id + 1) * hidden);
  return t;
}

export function writeTinyModel(dir: string, opts: TinyModelOptions): { vocabSize: number; hidden: number } {
  const hidden = opts.hidden ?? 16;
  const special = ['[PAD]', '[UNK]', '[CLS]', '[SEP]'];
  const words = [...new Set(opts.words.map((w) => w.normalize('NFC').toLowerCase()))].filter((w) => !special.includes(w));
  const vocab: Record<string, number> = {};
  [...special, ...words].forEach((w, i) => (vocab[w] = i));
  const vocabSize = special.length + words.length;

  fs.mkdirSync(path.join(dir, 'onnx'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'onnx', 'model.onnx'), tinyOnnxModel(tokenTable(vocabSize, hidden), vocabSize, hidden));
  fs.writeFileSync(
    path.join(dir, 'config.json'),
    JSON.stringify({
      _name_or_path: opts.nameOrPath ?? 'tiny-test-embedder',
      model_type: 'bert',
      architectures: ['BertModel'],
      hidden_size: hidden,
      vocab_size: vocabSize,
      max_position_embeddings: 128,
      num_attention_heads: 1,
      num_hidden_layers: 1,
    }),
  );
  fs.writeFileSync(
    path.join(dir, 'tokenizer.json'),
    JSON.stringify({
      version: '1.0',
      truncation: null,
      padding: null,
      added_tokens: special.map((content, id) => ({ id, content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true })),
      normalizer: { type: 'Sequence', normalizers: [{ type: 'NFC' }, { type: 'Lowercase' }] },
      pre_tokenizer: { type: 'BertPreTokenizer' },
      post_processor: {
        type: 'TemplateProcessing',
        single: [{ SpecialToken: { id: '[CLS]', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: '[SEP]', type_id: 0 } }],
        pair: [
          { SpecialToken: { id: '[CLS]', type_id: 0 } },
          { Sequence: { id: 'A', type_id: 0 } },
          { SpecialToken: { id: '[SEP]', type_id: 0 } },
          { Sequence: { id: 'B', type_id: 1 } },
          { SpecialToken: { id: '[SEP]', type_id: 1 } },
        ],
        special_tokens: {
          '[CLS]': { id: '[CLS]', ids: [2], tokens: ['[CLS]'] },
          '[SEP]': { id: '[SEP]', ids: [3], tokens: ['[SEP]'] },
        },
      },
      decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
      model: { type: 'WordPiece', unk_token: '[UNK]', continuing_subword_prefix: '##', max_input_chars_per_word: 100, vocab },
    }),
  );
  fs.writeFileSync(
    path.join(dir, 'tokenizer_config.json'),
    JSON.stringify({
      tokenizer_class: 'BertTokenizer',
      model_max_length: 128,
      do_lower_case: true,
      pad_token: '[PAD]',
      unk_token: '[UNK]',
      cls_token: '[CLS]',
      sep_token: '[SEP]',
    }),
  );
  if (opts.prompts) fs.writeFileSync(path.join(dir, 'config_sentence_transformers.json'), JSON.stringify({ prompts: opts.prompts }));
  return { vocabSize, hidden };
}
