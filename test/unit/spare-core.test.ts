import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { SpareCore, VECTOR_THREAD_MIN_PASSAGES, cpuQuota, usableCores, wantsVectorThread } from '../../src/store/vector-thread.js';

/** Two cores whose idle and busy times (ms) are what `state` holds when read. */
function machine(state: { idle: number; busy: number }): () => os.CpuInfo[] {
  const cpu = () => ({ model: 'test', speed: 1, times: { user: state.busy / 2, nice: 0, sys: 0, idle: state.idle / 2, irq: 0 } });
  return () => [cpu(), cpu()];
}

describe('SpareCore', () => {
  it('says a core is spare while a quarter of one or more stood idle over the last half second, and not when every core was busy', () => {
    const state = { idle: 0, busy: 0 };
    let t = 0;
    const spare = new SpareCore(machine(state), () => t, 2);
    /** `ms` pass with the two cores idle for `idle` ms and busy for `busy` ms between them; what the rule then says. */
    const after = (ms: number, idle: number, busy: number) => {
      state.idle += idle;
      state.busy += busy;
      t += ms;
      return spare.available;
    };
    expect(spare.available).toBe(true);
    // One core busy, one idle for a second: spare.
    expect(after(1000, 1000, 1000)).toBe(true);
    // Both busy (0.1 of a core idle): not spare, and it stays so until the next sample is due.
    expect(after(1000, 100, 1900)).toBe(false);
    expect(after(100, 2000, 0)).toBe(false);
    // Sampled again half a second later: the idle time since the last sample counts.
    expect(after(400, 0, 0)).toBe(true);
    // A quarter of a core idle is enough; a fifth is not.
    expect(after(1000, 250, 1750)).toBe(true);
    expect(after(1000, 200, 1800)).toBe(false);
  });
});

/** A reader of the given files only. */
const files = (map: Record<string, string>) => (file: string) => map[file] ?? null;

describe('cpuQuota and usableCores', () => {
  it('reads a CPU quota from cgroup v2 (the process group first) or v1, and none when unset or unreadable', () => {
    expect(cpuQuota(files({ '/sys/fs/cgroup/cpu.max': '150000 100000\n' }))).toBe(1.5);
    expect(cpuQuota(files({ '/sys/fs/cgroup/cpu.max': 'max 100000\n' }))).toBe(Infinity);
    expect(
      cpuQuota(
        files({
          '/proc/self/cgroup': '0::/app.slice/kc.service\n',
          '/sys/fs/cgroup/app.slice/kc.service/cpu.max': '100000 100000',
          '/sys/fs/cgroup/cpu.max': 'max 100000',
        }),
      ),
    ).toBe(1);
    expect(cpuQuota(files({ '/sys/fs/cgroup/cpu/cpu.cfs_quota_us': '400000\n', '/sys/fs/cgroup/cpu/cpu.cfs_period_us': '100000\n' }))).toBe(4);
    expect(cpuQuota(files({ '/sys/fs/cgroup/cpu/cpu.cfs_quota_us': '-1\n', '/sys/fs/cgroup/cpu/cpu.cfs_period_us': '100000\n' }))).toBe(Infinity);
    expect(cpuQuota(files({}))).toBe(Infinity);
  });

  it('gives the thread to a large index only when two cores or more may be used', () => {
    expect(usableCores(files({ '/sys/fs/cgroup/cpu.max': '100000 100000' }))).toBe(1);
    expect(usableCores(files({}))).toBe(os.availableParallelism());
    expect(wantsVectorThread(VECTOR_THREAD_MIN_PASSAGES, undefined, 1)).toBe(false);
    expect(wantsVectorThread(VECTOR_THREAD_MIN_PASSAGES, undefined, 1.5)).toBe(false);
    expect(wantsVectorThread(VECTOR_THREAD_MIN_PASSAGES, undefined, 2)).toBe(true);
    expect(wantsVectorThread(VECTOR_THREAD_MIN_PASSAGES - 1, undefined, 8)).toBe(false);
  });
});
