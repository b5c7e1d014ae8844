/**
 * What every `sim` command needs from the outside world, and the two ways it talks back: error
 * lines on standard error, and the output on standard output or in the `--out` file. The process
 * (cli/sim.ts) and the tests provide the `Io`.
 */

export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  writeFile(path: string, text: string): void;
  /** The text of a file, as UTF-8; throws the operating system's error if it cannot be read. */
  readFile(path: string): string;
  /** All of standard input, as UTF-8. */
  readStdin(): string;
}

export const GENERATOR = 'gakusai sim CLI';

export function errorLines(messages: readonly string[]): string {
  return messages.map((m) => `error: ${m}\n`).join('');
}

/** Writes the output to standard output, or to the `--out` file; returns the exit status. */
export function writeOutput(io: Io, out: string | undefined, text: string): number {
  if (out === undefined) {
    io.stdout(text);
    return 0;
  }
  try {
    io.writeFile(out, text);
  } catch (e) {
    io.stderr(errorLines([`--out: cannot write ${out}: ${e instanceof Error ? e.message : String(e)}`]));
    return 1;
  }
  return 0;
}
