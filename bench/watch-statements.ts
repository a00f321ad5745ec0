/**
 * A neo4j-driver Driver that reports every statement its sessions run: through `session.run` and through
 * the transactions of `executeRead` / `executeWrite` (where @neo4j/graphql runs its statements,
 * dist/classes/Executor.js). The benchmark counts the peer's statements with it (contender-server.ts) and
 * captures them to replay (statement-cost.ts). Everything else passes through unchanged.
 */
import type { Driver } from 'neo4j-driver';

/** Called with each statement's text and parameters, before it runs. */
export type StatementWatcher = (text: string, params: Record<string, unknown> | undefined) => void;

/** `driver`, reporting each statement to `watch`. */
export function watchStatements(driver: Driver, watch: StatementWatcher): Driver {
  const watching = <T extends object>(target: T, wrap: (name: string | symbol, member: (...args: never[]) => unknown) => unknown): T =>
    new Proxy(target, {
      get(object, name, receiver) {
        const member = Reflect.get(object, name, receiver);
        if (typeof member !== 'function') return member;
        return wrap(name, member as (...args: never[]) => unknown) ?? member.bind(object);
      },
    });
  const reportingRun =
    (target: object, member: (...args: never[]) => unknown) =>
    (text: string, params?: Record<string, unknown>, ...rest: unknown[]) => {
      watch(text, params);
      return (member as (...args: unknown[]) => unknown).call(target, text, params, ...rest);
    };
  const watchTx = <T extends object>(tx: T): T => watching(tx, (name, member) => (name === 'run' ? reportingRun(tx, member) : undefined));
  return watching(driver, (name, member) => {
    if (name !== 'session') return undefined;
    return (...args: Parameters<Driver['session']>) => {
      const session = (member as Driver['session']).apply(driver, args);
      return watching(session, (sessionName, sessionMember) => {
        if (sessionName === 'run') return reportingRun(session, sessionMember);
        if (sessionName !== 'executeRead' && sessionName !== 'executeWrite') return undefined;
        return (work: (tx: object) => unknown, config?: unknown) =>
          (sessionMember as (...args: unknown[]) => unknown).call(session, (tx: object) => work(watchTx(tx)), config);
      });
    };
  });
}
