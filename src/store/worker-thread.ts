import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * Starts the worker thread of module `name` (without extension) beside the module at `from`
 * (its `import.meta.url`): the compiled `.js` file, or, when running from the TypeScript sources
 * (tests, tsx), the `.ts` file after registering tsx's loader in the thread.
 */
export function startWorker(name: string, from: string, options: Omit<WorkerOptions, 'eval'> = {}): Worker {
  if (!from.endsWith('.ts')) return new Worker(new URL(`./${name}.js`, from), options);
  const url = new URL(`./${name}.ts`, from);
  return new Worker(`import('tsx/esm/api').then((t) => { t.register(); return import(${JSON.stringify(url.href)}); })`, { ...options, eval: true });
}
