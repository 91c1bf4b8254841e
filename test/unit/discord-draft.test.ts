import { describe, expect, it } from 'vitest';
import { loadDiscordConfig } from '../../adapters/discord/config.js';
import { createDraftReply, showsDraft } from '../../adapters/discord/draft.js';
import { draftMessage } from '../../adapters/discord/format.js';
import { DRAFT_MAX_CHARS } from '../../adapters/shared/draft-loop.js';
import type { Responder } from '../../adapters/discord/interaction.js';
import { ConfigError } from '../../src/index.js';
import { virtualClock } from '../support/discord-clock.js';
import { chatInput, limitViolations, recordingLogger } from '../support/discord-stand-in.js';

const INTERVAL = 1200;
const tick = () => new Promise((resolve) => setImmediate(resolve));

/** A deferred interaction stand-in, a virtual clock and a draft on them. */
async function drafting(options: { intervalMs?: number; failOn?: 'editReply' } = {}) {
  const time = virtualClock();
  const s = chatInput('ask', {}, { now: time.clock.now, ...(options.failOn ? { failOn: options.failOn } : {}) });
  const i = s.interaction as unknown as Responder;
  await i.deferReply({});
  const logger = recordingLogger();
  const draft = createDraftReply(i, { question: 'IEC là gì?', lang: 'vi', intervalMs: options.intervalMs ?? INTERVAL, clock: time.clock, logger });
  const shown = () => s.calls.filter((c) => c.method === 'editReply').map((c) => ({ at: c.at, text: c.payload.embeds[0].description as string }));
  return { time, s, i, draft, logger, shown };
}

describe('the draft of a streamed answer', () => {
  it('shows the first words at once, then at most one edit per interval with the latest text', async () => {
    const { time, draft, shown } = await drafting();
    draft.update('IEC');
    await tick();
    expect(shown()).toEqual([{ at: 0, text: 'IEC…' }]);

    draft.update('IEC là');
    draft.update('IEC là Ủy ban');
    time.advance(INTERVAL - 1);
    await tick();
    expect(shown()).toHaveLength(1);
    time.advance(1);
    await tick();
    expect(shown()).toEqual([
      { at: 0, text: 'IEC…' },
      { at: INTERVAL, text: 'IEC là Ủy ban…' },
    ]);

    // The same text again renders the same payload: no edit.
    draft.update('IEC là Ủy ban ');
    time.advance(5 * INTERVAL);
    await tick();
    expect(shown()).toHaveLength(2);
    expect(draft.edits()).toBe(2);
  });

  it('close waits for the rest of the interval, so the answer lands last and within the limit', async () => {
    const { time, draft, shown } = await drafting();
    draft.update('IEC là');
    await tick();
    draft.update('IEC là Ủy ban');
    let closed = false;
    const closing = draft.close().then(() => (closed = true));
    await tick();
    time.advance(INTERVAL - 1);
    await tick();
    expect(closed).toBe(false);
    time.advance(1);
    await closing;
    // The pending text is dropped: the answer is about to replace the draft anyway.
    expect(shown()).toEqual([{ at: 0, text: 'IEC là…' }]);
    draft.update('IEC là Ủy ban Kỹ thuật');
    await tick();
    expect(shown()).toHaveLength(1);
  });

  it('without a draft shown, close returns at once and the answer waits for nothing', async () => {
    const { draft, shown } = await drafting();
    draft.update('');
    draft.update(' … ');
    await draft.close();
    expect(shown()).toEqual([]);
  });

  it('a failed edit ends the drafting, not the answer; the reply still counts as a draft', async () => {
    const { time, i, draft, logger, s } = await drafting({ failOn: 'editReply' });
    draft.update('IEC là');
    await tick();
    draft.update('IEC là Ủy ban');
    time.advance(10 * INTERVAL);
    await tick();
    await draft.close();
    expect(s.methods()).toEqual(['deferReply', 'editReply']);
    expect(logger.lines.join('\n')).toContain('warn discord: draft edit failed');
    expect(showsDraft(i)).toBe(true);
  });

  it('an interval of 0 turns drafts off', async () => {
    const { draft, shown } = await drafting({ intervalMs: 0 });
    draft.update('IEC là Ủy ban');
    await tick();
    await draft.close();
    expect(shown()).toEqual([]);
  });
});

describe('draftMessage', () => {
  it('is one grey embed under the question, marked as unchecked, without fields or buttons', () => {
    const m = draftMessage('IEC là gì?', 'IEC là Ủy ban Kỹ thuật Điện Quốc tế.', 'vi')!;
    expect(m).toEqual({
      embeds: [
        {
          color: 0xa0aec0,
          title: 'IEC là gì?',
          description: 'IEC là Ủy ban Kỹ thuật Điện Quốc tế.…',
          footer: { text: '⏳ Bản nháp: đang kiểm tra trích dẫn…' },
        },
      ],
      components: [],
    });
    expect(draftMessage('What is IEC?', 'IEC is', 'en')!.embeds[0]!.footer!.text).toBe('⏳ Draft: checking the citations…');
  });

  it('shows nothing for a draft without words', () => {
    const text = (raw: string) => draftMessage('q', raw, 'vi')?.embeds[0]?.description ?? null;
    expect(text('')).toBeNull();
    expect(text(' … ')).toBeNull();
    expect(text('Một hai;')).toBe('Một hai;…');
  });

  it('keeps Markdown and mentions inert and stays within every limit however long the stream', () => {
    const raw = '**IEC** @everyone <@123456789012345678> # `x` '.repeat(400) + '\uD83D';
    const m = draftMessage('**q** @here', raw, 'vi')!;
    expect(limitViolations(m)).toEqual([]);
    const d = m.embeds[0]!.description!;
    expect(d).not.toMatch(/@everyone|<@1|(^|[^\\])\*\*IEC/);
    expect(d.endsWith('…')).toBe(true);
    expect(m.embeds[0]!.title).toBe('\\*\\*q\\*\\* @\u200bhere');
    expect(draftMessage('q', 'a'.repeat(DRAFT_MAX_CHARS + 10), 'vi')!.embeds[0]!.description!.length).toBe(DRAFT_MAX_CHARS);
  });
});

describe('DISCORD_DRAFT_INTERVAL_MS', () => {
  const env = { DISCORD_TOKEN: 'test-token-not-real' };
  it('defaults to one edit per 1.2 s; 0 turns drafts off', () => {
    expect(loadDiscordConfig(env).draftIntervalMs).toBe(1200);
    expect(loadDiscordConfig({ ...env, DISCORD_DRAFT_INTERVAL_MS: '0' }).draftIntervalMs).toBe(0);
    expect(loadDiscordConfig({ ...env, DISCORD_DRAFT_INTERVAL_MS: '2500' }).draftIntervalMs).toBe(2500);
  });

  it.each(['500', '999', '60001', 'fast', '1.5'])('rejects %s: faster than Discord allows, or not a whole number', (v) => {
    expect(() => loadDiscordConfig({ ...env, DISCORD_DRAFT_INTERVAL_MS: v })).toThrow(ConfigError);
    expect(() => loadDiscordConfig({ ...env, DISCORD_DRAFT_INTERVAL_MS: v })).toThrow(/DISCORD_DRAFT_INTERVAL_MS/);
  });
});
