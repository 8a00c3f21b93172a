/** Runs the CLI from TypeScript sources (`node --import tsx lib/cli/run.ts …`), for tests that must not depend on build/. */
import { main } from './main';

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
