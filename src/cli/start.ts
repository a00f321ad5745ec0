/**
 * Entry point (`npm start`): validate the configuration, start the app, shut down cleanly on SIGINT and
 * SIGTERM. On a crash the embedded JVM exits too, because its stdin (a pipe from this process) closes.
 */
import { ConfigError, loadConfig } from '../config.ts';
import { startApp } from '../app.ts';
import { EmbeddedNeo4jUnavailableError } from '../db/embedded-neo4j.ts';
import { createLogger } from '../logger.ts';

let config;
try {
  config = loadConfig();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(2);
  }
  throw error;
}

const logger = createLogger(config.logLevel);
try {
  const app = await startApp(config, logger);
  let signalled = false;
  const shutdown = (signal: string) => {
    if (signalled) return;
    signalled = true;
    logger.info({ signal }, 'Shutting down.');
    const force = setTimeout(() => process.exit(1), 45_000);
    force.unref();
    app.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'Shutdown failed.');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
} catch (error) {
  if (error instanceof EmbeddedNeo4jUnavailableError) {
    logger.fatal(error.message);
  } else {
    logger.fatal({ err: error }, 'Start-up failed.');
  }
  process.exit(1);
}
