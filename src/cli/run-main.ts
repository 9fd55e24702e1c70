/**
 * Runs a command's main function: its result is the exit code; an error is printed as one
 * line on stderr (never a stack) and exits with 1.
 */
export function runMain(main: () => Promise<number | undefined>): void {
  main().then(
    (code) => {
      process.exitCode = code ?? 0;
    },
    (err: unknown) => {
      process.stderr.write(`error: ${(err as Error).message}\n`);
      process.exitCode = 1;
    },
  );
}
