import readline from 'node:readline';
import type { AskOptions, Engine } from '../types.js';
import { renderAnswer, renderSource } from './render.js';

export interface ChatOptions {
  input: NodeJS.ReadableStream;
  out: (s: string) => void;
  askOptions?: AskOptions;
}

/**
 * A terminal conversation: each line is a question; `/source <id>` shows a paragraph, `/help`
 * lists commands, `/quit` (or end of input) leaves. Works with piped input too.
 */
export async function runChat(engine: Engine, o: ChatOptions): Promise<void> {
  const s = engine.stats();
  const tty = (o.input as NodeJS.ReadStream).isTTY === true;
  o.out(
    `kiemchung — ${s.articles} bài viết (${s.dateFrom ?? '?'} → ${s.dateTo ?? '?'}). Hỏi bằng tiếng Việt (có dấu hoặc không dấu) hoặc tiếng Anh.\n` +
      `Lệnh: /source <id đoạn>, /help, /quit. Ví dụ: "Hội nghị LMC lần thứ 4 tổ chức ở đâu?"`,
  );
  const rl = readline.createInterface({ input: o.input, ...(tty ? { output: process.stdout, prompt: '› ' } : {}), terminal: tty });
  if (tty) rl.prompt();
  for await (const raw of rl) {
    const line = raw.trim();
    if (line === '/quit' || line === '/exit') break;
    if (line === '/help') o.out('Gõ câu hỏi rồi Enter. /source <articleId#pN> xem cả đoạn. /quit để thoát.');
    else if (line.startsWith('/source')) {
      const id = line.slice(7).trim();
      const p = id ? await engine.source(id) : null;
      o.out(p ? renderSource(p) : `Không có đoạn "${id.slice(0, 80)}". Mã đoạn có dạng iec-thanh-vien-2024#p2.`);
    } else if (line.startsWith('/')) o.out('Lệnh không rõ. Gõ /help.');
    else if (line) o.out(`${renderAnswer(await engine.ask(line, o.askOptions))}\n`);
    if (tty) rl.prompt();
  }
  rl.close();
}
