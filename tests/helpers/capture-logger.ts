import { type Logger, LogLevel } from "@slack/logger";
import { RedactingLogger } from "../../src/slack/logger.js";

/** A logger that keeps every line, for tests that read the logs. */
export class CaptureLogger implements Logger {
  readonly lines: string[] = [];
  private level: LogLevel = LogLevel.DEBUG;
  debug(...m: unknown[]) {
    this.lines.push(`DEBUG ${m.join(" ")}`);
  }
  info(...m: unknown[]) {
    this.lines.push(`INFO ${m.join(" ")}`);
  }
  warn(...m: unknown[]) {
    this.lines.push(`WARN ${m.join(" ")}`);
  }
  error(...m: unknown[]) {
    this.lines.push(`ERROR ${m.join(" ")}`);
  }
  setLevel(level: LogLevel) {
    this.level = level;
  }
  getLevel() {
    return this.level;
  }
  setName() {}
}

/** A redacting logger over a capture, as the app would use in production. */
export function captureLogs(secrets: string[]): { logger: RedactingLogger; capture: CaptureLogger } {
  const capture = new CaptureLogger();
  return { logger: new RedactingLogger(secrets, capture), capture };
}
