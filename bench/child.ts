/**
 * The child side of a benchmark task: its input comes as the first IPC message (question lists
 * are too large for argv), or as JSON in argv when run by hand; one result message goes back.
 */
export function task<I, O>(run: (input: I) => Promise<O>): void {
  const input: Promise<I> = process.send ? waitFor('input').then((m) => (m as { data: I }).data) : Promise.resolve(JSON.parse(process.argv[2] ?? '{}') as I);
  input
    .then(run)
    .then((data) => send({ type: 'result', data }))
    .catch((err: unknown) => {
      const message = err instanceof Error ? (err.stack ?? err.message) : String(err);
      process.stderr.write(`${message}\n`);
      return send({ type: 'error', message });
    })
    .finally(() => {
      process.disconnect?.();
      // Native handles (hnswlib, worker threads) must not keep a finished task alive.
      setTimeout(() => process.exit(0), 2000).unref();
    });
}

function send(m: unknown): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send) {
      process.stdout.write(`${JSON.stringify(m)}\n`);
      resolve();
    } else process.send(m, () => resolve());
  });
}

/** Peak resident memory of this process so far (all its threads), in MiB. */
export function peakRssMiB(): number {
  return process.resourceUsage().maxRSS / 1024;
}

export function rssMiB(): number {
  return process.memoryUsage().rss / 1048576;
}

/** Waits for a message from the parent that matches `type`. */
export function waitFor(type: string): Promise<unknown> {
  return new Promise((resolve) => {
    const on = (m: { type?: string }) => {
      if (m?.type === type) {
        process.off('message', on);
        resolve(m);
      }
    };
    process.on('message', on);
  });
}
