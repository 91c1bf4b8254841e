import { describe, expect, it } from 'vitest';
import { DRAFT_MAX_CHARS, createDraftLoop, draftPreview } from '../../adapters/shared/draft-loop.js';
import { virtualClock } from '../support/discord-clock.js';

const tick = () => new Promise((resolve) => setImmediate(resolve));
const INTERVAL = 1000;

/** A loop whose platform records what it shows, and fails on the texts given. */
function loop(options: { failOn?: Record<string, 'shown' | 'stop'>; intervalMs?: number } = {}) {
  const time = virtualClock();
  const shown: { at: number; text: string }[] = [];
  const failures: unknown[] = [];
  const draft = createDraftLoop<string>({
    intervalMs: options.intervalMs ?? INTERVAL,
    clock: time.clock,
    render: (text) => draftPreview(text),
    async show(text) {
      if (options.failOn?.[text]) throw new Error(text);
      shown.push({ at: time.clock.now(), text });
    },
    failed(err) {
      failures.push(err);
      return options.failOn?.[(err as Error).message] ?? 'stop';
    },
  });
  return { time, shown, failures, draft };
}

describe('draftPreview', () => {
  it('marks text that is still coming, shows nothing without words, and cuts long drafts', () => {
    expect(draftPreview(' Tổng Thư ký IEC là ')).toBe('Tổng Thư ký IEC là…');
    expect(draftPreview(' … \ud800')).toBeNull();
    const long = draftPreview('từ '.repeat(3000)) as string;
    expect(Array.from(long).length).toBeLessThanOrEqual(DRAFT_MAX_CHARS);
    expect(long.endsWith('…')).toBe(true);
  });
});

describe('the draft loop', () => {
  it('shows the first words at once, then the latest text at most once per interval, never the same twice', async () => {
    const { time, shown, draft } = loop();
    draft.update('IEC');
    await tick();
    draft.update('IEC là');
    draft.update('IEC là Ủy ban');
    time.advance(INTERVAL - 1);
    await tick();
    expect(shown).toEqual([{ at: 0, text: 'IEC…' }]);
    time.advance(1);
    await tick();
    draft.update('IEC là Ủy ban ');
    time.advance(5 * INTERVAL);
    await tick();
    expect(shown).toEqual([
      { at: 0, text: 'IEC…' },
      { at: INTERVAL, text: 'IEC là Ủy ban…' },
    ]);
    expect(draft.calls()).toBe(2);
  });

  it('stop drops the text not yet shown; settle waits out the interval only after a draft was shown', async () => {
    const { time, shown, draft } = loop();
    draft.update('IEC là');
    await tick();
    draft.update('IEC là Ủy ban');
    await draft.stop();
    let settled = false;
    const settling = draft.settle().then(() => (settled = true));
    time.advance(INTERVAL - 1);
    await tick();
    expect(settled).toBe(false);
    time.advance(1);
    await settling;
    draft.update('IEC là Ủy ban Kỹ thuật');
    await tick();
    expect(shown).toEqual([{ at: 0, text: 'IEC là…' }]);

    const quiet = loop();
    quiet.draft.update(' … ');
    await quiet.draft.stop();
    await quiet.draft.settle();
    expect(quiet.shown).toEqual([]);
  });

  it('a failure the platform calls shown goes on; any other ends the drafting', async () => {
    const goesOn = loop({ failOn: { 'IEC…': 'shown' } });
    goesOn.draft.update('IEC');
    await tick();
    goesOn.draft.update('IEC là');
    goesOn.time.advance(INTERVAL);
    await tick();
    expect(goesOn.shown.map((s) => s.text)).toEqual(['IEC là…']);

    const ends = loop({ failOn: { 'IEC…': 'stop' } });
    ends.draft.update('IEC');
    await tick();
    ends.draft.update('IEC là');
    ends.time.advance(10 * INTERVAL);
    await tick();
    expect(ends.shown).toEqual([]);
    expect(ends.failures).toHaveLength(1);
  });

  it('an interval of 0 shows nothing', async () => {
    const { shown, draft } = loop({ intervalMs: 0 });
    draft.update('IEC là Ủy ban');
    await tick();
    await draft.stop();
    await draft.settle();
    expect(shown).toEqual([]);
  });
});
