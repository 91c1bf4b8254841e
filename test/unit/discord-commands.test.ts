import { ApplicationCommandOptionType, ApplicationCommandType, ContextMenuCommandBuilder, SlashCommandBuilder } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { commandBodies, commands } from '../../adapters/discord/commands/index.js';

type Body = {
  name: string;
  type?: number;
  description?: string;
  name_localizations?: Record<string, string>;
  description_localizations?: Record<string, string>;
  options?: Body[] & { required?: boolean; autocomplete?: boolean; max_length?: number }[];
};

const bodies = commandBodies() as Body[];
const byName = new Map(bodies.map((b) => [b.name, b]));

describe('command builders', () => {
  it('serialise through discord.js validation, one per command, names unique', () => {
    expect(bodies.map((b) => b.name)).toEqual(['ask', 'check', 'new', 'search', 'source', 'Verify', 'reindex', 'add']);
    expect(new Set(bodies.map((b) => b.name)).size).toBe(bodies.length);
  });

  it('rebuild from their JSON: slash commands and the message command pass the builders again', () => {
    for (const body of bodies) {
      if (body.type === ApplicationCommandType.Message) {
        const again = new ContextMenuCommandBuilder().setName(body.name).setType(ApplicationCommandType.Message).setNameLocalizations(body.name_localizations!);
        expect(again.toJSON().name_localizations).toEqual(body.name_localizations);
        continue;
      }
      const again = new SlashCommandBuilder()
        .setName(body.name)
        .setDescription(body.description!)
        .setNameLocalizations(body.name_localizations!)
        .setDescriptionLocalizations(body.description_localizations!);
      expect(() => again.toJSON()).not.toThrow();
    }
  });

  it('are localised in Vietnamese and both English locales, options included', () => {
    for (const body of bodies) {
      for (const loc of ['vi', 'en-US', 'en-GB']) expect(body.name_localizations?.[loc], `${body.name} ${loc}`).toBeTruthy();
      if (body.type !== ApplicationCommandType.Message) {
        for (const loc of ['vi', 'en-US', 'en-GB']) expect(body.description_localizations?.[loc]).toBeTruthy();
        for (const o of body.options ?? []) {
          expect(o.name_localizations?.vi).toBeTruthy();
          expect(o.description_localizations?.vi).toBeTruthy();
        }
      }
    }
    expect(byName.get('ask')!.name_localizations!.vi).toBe('hỏi');
    expect(byName.get('Verify')!.name_localizations!.vi).toBe('Kiểm chứng');
  });

  it('have the options the handlers read', () => {
    const ask = byName.get('ask')!.options as any[];
    expect(ask.map((o) => [o.name, o.type, o.required ?? false])).toEqual([
      ['question', ApplicationCommandOptionType.String, true],
      ['public', ApplicationCommandOptionType.Boolean, false],
    ]);
    expect(ask[0].max_length).toBe(6000);
    const source = (byName.get('source')!.options as any[])[0];
    expect(source).toMatchObject({ name: 'id', autocomplete: true, required: true, max_length: 140 });
    expect(byName.get('Verify')!.type).toBe(ApplicationCommandType.Message);
    expect(commands.find((c) => c.data.name === 'reindex')!.limited).toBe(false);
    expect(commands.find((c) => c.data.name === 'ask')!.limited).toBe(true);
  });

  it('discord.js validation is really on: an invalid localised name throws', () => {
    expect(() => new SlashCommandBuilder().setName('ask').setNameLocalizations({ vi: 'Hỏi Đáp' })).toThrow();
    expect(() => new SlashCommandBuilder().setName('x').toJSON()).toThrow();
  });
});
