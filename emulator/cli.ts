/**
 * `npm run emulator`: the local cloud database on $EMULATOR_PORT (default 9909) with the data in
 * $DATA_DIR (default .data/). Prints the URL and the SDK environment, then serves until stopped.
 * Set EMULATOR_FSYNC=0 to skip fsync (faster, not crash-safe).
 */
import { sdkEnv } from './env';
import { startEmulator } from './server';

async function main(): Promise<void> {
  const port = Number(process.env.EMULATOR_PORT ?? 9909);
  const emulator = await startEmulator({
    port,
    dataDir: process.env.DATA_DIR ?? '.data',
    fsync: process.env.EMULATOR_FSYNC !== '0',
    verbose: process.env.EMULATOR_VERBOSE === '1',
  });
  process.stdout.write(`emulator listening on ${emulator.url} (data: ${emulator.store.dataDir})\n`);
  process.stdout.write(`SDK env: ${JSON.stringify(sdkEnv(emulator.port))}\n`);
  const stop = () => {
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: Error) => {
  process.stderr.write(`${e.message}\n`);
  process.exit(1);
});
