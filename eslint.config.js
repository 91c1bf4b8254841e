// Lint: the recommended rules, plus the project's boundaries as rules rather than habits.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const CHAT_LIBRARIES = ['grammy', 'grammy/*', '@grammyjs/*', 'discord.js', '@discordjs/*'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.kiemchung/**', 'bench/.cache/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      // Normalisation strips control characters on purpose; those patterns name them.
      'no-control-regex': 'off',
      // `let x = fallback; try { x = … } catch {}` reads better than the alternatives.
      'no-useless-assignment': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
  {
    // The core knows nothing about chat platforms.
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: CHAT_LIBRARIES.filter((p) => !p.includes('*')).map((name) => ({
            name,
            message: 'src/ never imports a chat library: adapters/ render the engine’s data.',
          })),
          patterns: [
            { group: CHAT_LIBRARIES.filter((p) => p.includes('*')), message: 'src/ never imports a chat library: adapters/ render the engine’s data.' },
            { group: ['**/adapters/**', '**/adapters'], message: 'src/ never imports adapters/.' },
          ],
        },
      ],
    },
  },
  {
    // Adapters reach the engine only through its public surface.
    files: ['adapters/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [{ group: ['**/src/**', '!**/src/index.js'], message: 'adapters import the engine only through src/index.ts (its public surface).' }],
        },
      ],
    },
  },
  {
    // Tests and benchmarks may poke at internals and at loosely typed fixtures.
    files: ['test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
