/**
 * `npm run sim -- …`: runs Gakusai's simulation engines headless. See cli/README.md.
 * Needs Node ≥ 22.18 (TypeScript type stripping); npm runs the Node pinned in package.json.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { main } from './main.ts';

try {
  process.exitCode = await main(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    writeFile: (path, text) => writeFileSync(path, text, 'utf8'),
    readFile: (path) => readFileSync(path, 'utf8'),
    // File descriptor 0: all of standard input, whether a pipe, a file or a terminal (until end of file).
    readStdin: () => readFileSync(0, 'utf8'),
  });
} catch (e) {
  // A bug in the CLI itself; the message and stack help more than a bare status.
  process.stderr.write(`error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 1;
}
