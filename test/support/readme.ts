/**
 * The commands README.md shows, read from its text: shell blocks (``` sh, with `\` continuations
 * and `D=…` assignments kept as a prelude), transcripts (```text blocks whose `$ ` lines are
 * commands, `› ` lines typed input and the other lines what is printed), commands written inline
 * (`` `npm …` ``, `` `npx …` ``, `` `node …` ``) and the command-line table (`` `kiemchung …` ``).
 */
export interface ShownCommand {
  /** The command as README writes it. */
  command: string;
  /** 1-based line of README where it is written. */
  line: number;
  where: 'shell' | 'transcript' | 'inline' | 'usage';
  /** Shell assignments written before it in the same block (`D=../shared/data`). */
  prelude: string[];
  /** Lines typed after it (`› …` in a transcript). */
  input: string[];
  /** What the transcript shows it printing, in order. */
  output: string[];
}

const INLINE = /`((?:[A-Z_]+=\S+ )?(?:npm|npx|node) [^`]+)`/g;
const USAGE = /`(kiemchung [^`]+)`/g;

export function readmeCommands(markdown: string): ShownCommand[] {
  const lines = markdown.split('\n');
  const shown: ShownCommand[] = [];
  let fence: string | null = null;
  let prelude: string[] = [];
  let current: ShownCommand | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const open = /^```(\w*)\s*$/.exec(line);
    if (open) {
      if (fence === null) {
        fence = open[1] ?? '';
        prelude = [];
      } else fence = null;
      current = null;
      continue;
    }
    const at = i + 1;
    if (fence === 'sh' || fence === 'bash') {
      let logical = line;
      while (logical.endsWith('\\') && i + 1 < lines.length) logical = `${logical.slice(0, -1).trimEnd()} ${(lines[++i] as string).trim()}`;
      const text = logical.replace(/\s+#\s.*$/, '').trim();
      if (!text || text.startsWith('#')) continue;
      if (/^[A-Za-z_][A-Za-z0-9_]*=\S+$/.test(text)) prelude.push(text);
      else shown.push({ command: text, line: at, where: 'shell', prelude: [...prelude], input: [], output: [] });
      continue;
    }
    if (fence !== null) {
      if (line.startsWith('$ ')) {
        current = { command: line.slice(2).trim(), line: at, where: 'transcript', prelude: [], input: [], output: [] };
        shown.push(current);
      } else if (current && line.startsWith('› ')) current.input.push(line.slice(2));
      else if (current) current.output.push(line);
      continue;
    }
    for (const m of line.matchAll(INLINE)) shown.push({ command: (m[1] as string).trim(), line: at, where: 'inline', prelude: [], input: [], output: [] });
    for (const m of line.matchAll(USAGE)) shown.push({ command: (m[1] as string).trim(), line: at, where: 'usage', prelude: [], input: [], output: [] });
  }
  return shown;
}

/** Timings differ from run to run: "0.04 s", "p50=2.83ms" and the like compare as equal. */
function steady(s: string): string {
  return s.replace(/\d+(?:\.\d+)?\s?(?:ms|s)(?![\p{L}\p{N}])/gu, '⏱').trimEnd();
}

function linePattern(expected: string): RegExp {
  // "…" where README shortens a line stands for any text.
  const parts = steady(expected)
    .split('…')
    .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('.*')}$`, 'u');
}

/**
 * The first line of `expected` that `printed` does not show, or null when every one is printed
 * in this order (other printed lines may come between them). A line that is only "…" is skipped;
 * "…" inside a line matches any text.
 */
export function firstMissingLine(expected: readonly string[], printed: readonly string[]): string | null {
  let from = 0;
  for (const e of expected) {
    if (!e.trim() || e.trim() === '…') continue;
    const re = linePattern(e);
    let found = -1;
    for (let j = from; j < printed.length; j++) {
      if (re.test(steady(printed[j] as string))) {
        found = j;
        break;
      }
    }
    if (found < 0) return e;
    from = found + 1;
  }
  return null;
}
