/** File-system errors that say the disk or folder refuses writes, not that the program is wrong. */
const REASONS: Record<string, string> = {
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is used up',
  EFBIG: 'a file would be larger than the file system allows',
  EROFS: 'the file system is read-only',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
};

/**
 * Why a write failed, in words, when the failure is the file system's refusal (a full disk, a
 * read-only mount, missing permission); null for any other error. Looks at the error and its
 * causes (a build worker's failure carries the errno code of the error it caught).
 */
export function writeRefusal(err: unknown): string | null {
  for (let e = err, depth = 0; e && typeof e === 'object' && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && code in REASONS) {
      const p = (e as { path?: unknown }).path;
      return `${REASONS[code]} (${code}${typeof p === 'string' ? `, ${p}` : ''})`;
    }
  }
  return null;
}
