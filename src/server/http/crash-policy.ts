/**
 * What the server does with a failure nothing caught (a rejected promise no
 * one awaited, an exception outside any request): log it with its stack as
 * `fatal`, then exit with status 1 so the supervisor (systemd, Docker,
 * pm2) starts a clean process. Continuing after an unknown failure could
 * leave a half-updated cache or a stuck connection serving wrong answers;
 * a restart costs a few seconds, and every write is one transaction, so
 * nothing half-written is left behind (the kill -9 test shows it).
 */
import type { EventEmitter } from 'node:events';

export interface FatalLog {
  fatal(obj: { err: unknown; kind: string }, msg: string): void;
}

export function installCrashPolicy(
  proc: Pick<EventEmitter, 'on'>,
  log: FatalLog,
  exit: (code: number) => void,
): void {
  let exiting = false;
  const die = (kind: string) => (reason: unknown) => {
    log.fatal({ err: reason, kind }, `${kind}: server exits so its supervisor restarts it`);
    if (exiting) return;
    exiting = true;
    exit(1);
  };
  proc.on('unhandledRejection', die('unhandledRejection'));
  proc.on('uncaughtException', die('uncaughtException'));
}
