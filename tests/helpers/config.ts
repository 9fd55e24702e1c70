import { expect } from "vitest";
import { ConfigError, readConfig } from "../../src/config.js";

/** The message of the ConfigError readConfig throws for `env` (fails the test when it accepts it). */
export function configRefusal(env: NodeJS.ProcessEnv): string {
  try {
    readConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error("readConfig accepted it");
}
