import { ConsoleLogger, type Logger, LogLevel } from "@slack/logger";

const TOKEN = /\bx(?:ox[abposr]|app)-[A-Za-z0-9-]+/g;

/**
 * A logger that removes secrets from everything it writes: Slack tokens by their shape, and
 * the exact values given (the signing secret, the tokens).
 */
export class RedactingLogger implements Logger {
  private readonly inner: Logger;
  private readonly secrets: string[];

  constructor(secrets: (string | undefined)[], inner: Logger = new ConsoleLogger()) {
    this.inner = inner;
    this.secrets = secrets.filter((s): s is string => Boolean(s && s.length >= 6));
  }

  private clean(args: unknown[]): unknown[] {
    return args.map((a) => {
      let text = typeof a === "string" ? a : a instanceof Error ? `${a.name}: ${a.message}` : safeJson(a);
      for (const s of this.secrets) text = text.split(s).join("[redacted]");
      return text.replace(TOKEN, "[redacted-token]");
    });
  }

  debug(...msg: unknown[]) {
    this.inner.debug(...this.clean(msg));
  }
  info(...msg: unknown[]) {
    this.inner.info(...this.clean(msg));
  }
  warn(...msg: unknown[]) {
    this.inner.warn(...this.clean(msg));
  }
  error(...msg: unknown[]) {
    this.inner.error(...this.clean(msg));
  }
  setLevel(level: LogLevel) {
    this.inner.setLevel(level);
  }
  getLevel(): LogLevel {
    return this.inner.getLevel();
  }
  setName(name: string) {
    this.inner.setName(name);
  }
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** The @slack/logger level for a setting. */
export function toLogLevel(level: "error" | "warn" | "info" | "debug"): LogLevel {
  return { error: LogLevel.ERROR, warn: LogLevel.WARN, info: LogLevel.INFO, debug: LogLevel.DEBUG }[level];
}
