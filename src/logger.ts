/**
 * Structured JSON logging with pino; one logger per process, children per module or request.
 */
import { pino, type Logger as PinoLogger } from 'pino';

export type Logger = PinoLogger;

/** A JSON logger at `level` writing to stdout. */
export function createLogger(level = 'info'): Logger {
  return pino({ level, base: { service: 'value-chain-graph' } });
}
