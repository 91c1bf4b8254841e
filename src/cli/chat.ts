import readline from 'node:readline';
import { toTurn } from '../dialogue/turn.js';
import type { AskOptions, Engine, Turn } from '../types.js';
import { renderAnswer, renderSource } from './render.js';

export interface ChatOptions {
  input: NodeJS.ReadableStream;
  out: (s: string) => void;
  askOptions?: AskOptions;
}

/** Earlier turns a terminal conversation keeps for reading follow-ups. */
const KEPT_TURNS = 6;

/**
 * A terminal conversation: each line is a question, read with the earlier ones ("Ông ấy nói
 * gì?" after "Ai là Tổng Thư ký IEC?"); `/new` starts afresh, `/source <id>` shows a paragraph,
 * `/help` lists commands, `/quit` (or end of input) leaves. Works with piped input too.
 */
export async function runChat(engine: Engine, o: ChatOptions): Promise<void> {
  const s = engine.stats();
  const tty = (o.input as NodeJS.ReadStream).isTTY === true;
  o.out(
    `kiemchung — ${s.articles} bài viết (${s.dateFrom ?? '?'} → ${s.dateTo ?? '?'}). Hỏi bằng tiếng Việt (có dấu hoặc không dấu) hoặc tiếng Anh.\n` +
      `Lệnh: /new (hỏi lại từ đầu), /source <id đoạn>, /help, /quit. Ví dụ: "Hội nghị LMC lần thứ 4 tổ chức ở đâu?" rồi "Còn ngày nào?"`,
  );
  const rl = readline.createInterface({ input: o.input, ...(tty ? { output: process.stdout, prompt: '› ' } : {}), terminal: tty });
  if (tty) rl.prompt();
  let history: Turn[] = [];
  for await (const raw of rl) {
    const line = raw.trim();
    if (line === '/quit' || line === '/exit') break;
    if (line === '/help')
      o.out(
        'Gõ câu hỏi rồi Enter; câu hỏi tiếp theo được hiểu theo các câu trước ("Còn ngày nào?", "Ông ấy nói gì?"). /new bắt đầu cuộc trò chuyện mới. /source <articleId#pN> xem cả đoạn. /quit để thoát.',
      );
    else if (line === '/new') {
      history = [];
      o.out('Đã bắt đầu cuộc trò chuyện mới.');
    } else if (line.startsWith('/source')) {
      const id = line.slice(7).trim();
      const p = id ? await engine.source(id) : null;
      if (!id) o.out('Gõ /source và mã đoạn, ví dụ: /source iec-thanh-vien-2024#p2');
      else o.out(p ? renderSource(p) : `Không có đoạn "${id.slice(0, 80)}". Mã đoạn có dạng iec-thanh-vien-2024#p2.`);
    } else if (line.startsWith('/')) o.out('Lệnh không rõ. Gõ /help.');
    else if (line) {
      const a = await engine.ask(line, { ...o.askOptions, history });
      history = [...history, toTurn(a)].slice(-KEPT_TURNS);
      o.out(`${renderAnswer(a)}\n`);
    }
    if (tty) rl.prompt();
  }
  rl.close();
}
