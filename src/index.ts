/**
 * The public surface of kiemchung's engine. Adapters (Telegram, Discord), the CLI, the
 * benchmarks and the tests import only from here.
 */
export { createEngine, type EngineOptions } from './engine.js';
export type * from './types.js';
export { loadConfig, formatIssues, withoutBlanks, type Config } from './config.js';
export * from './errors.js';
export { createLogger, silentLogger, redact, secretValues, type Logger, type LogLevel, type Mask } from './log.js';
export { isParagraphId, parseParagraphId } from './corpus/ids.js';
export { detectLang } from './text/lang.js';
export { normalizeSpace, fold } from './text/normalize.js';
export { formatDate } from './text/format-date.js';
export { checkWording, type CheckWording } from './check/wording.js';
export { runChat, type ChatOptions } from './cli/chat.js';
