import type { Logger } from '../../src/index.js';

/** Who may run the commands that change the archive (ADMIN_IDS), as each platform reads its user ids. */
export interface AdminCheck {
  adminIds: ReadonlySet<number> | ReadonlySet<string>;
  logger: Logger;
  /** `telegram` or `discord`, for the log. */
  platform: string;
}

/**
 * True when `userId` is listed in ADMIN_IDS. A refusal is logged with the command and the user;
 * the caller then tells the user `notAllowedAdmin`. Platform roles are never trusted for this.
 */
export function isAdmin(check: AdminCheck, command: string, userId: number | string | undefined): userId is number | string {
  const ok = userId !== undefined && (check.adminIds as ReadonlySet<number | string>).has(userId);
  if (!ok) check.logger.warn(`${check.platform}: /${command} refused for user ${userId ?? 'unknown'}`);
  return ok;
}
