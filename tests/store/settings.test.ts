import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { readConfig } from "../../src/config.js";
import { PROJECT_ROOT } from "../../src/config-paths.js";
import { redisSecret } from "../../src/store/settings.js";
import { configRefusal } from "../helpers/config.js";

describe("the store's settings", () => {
  it("defaults: the file store in .data/ of the project, 10 s grace and lease; empty means the default", () => {
    for (const env of [{}, { DATA_DIR: "", REDIS_URL: " ", SHUTDOWN_GRACE_MS: "", EVENT_LEASE_MS: "" }]) {
      const c = readConfig(env);
      expect(c.dataDir).toBe(join(PROJECT_ROOT, ".data"));
      expect(c.redisUrl).toBeUndefined();
      expect(c.shutdownGraceMs).toBe(10_000);
      expect(c.eventLeaseMs).toBe(10_000);
    }
  });

  it("reads DATA_DIR, REDIS_URL, SHUTDOWN_GRACE_MS and EVENT_LEASE_MS", () => {
    const c = readConfig({
      DATA_DIR: "state",
      REDIS_URL: "rediss://:pw@redis.internal:6380/2",
      SHUTDOWN_GRACE_MS: "25000",
      EVENT_LEASE_MS: "3000",
    });
    expect(c.dataDir).toBe(resolve("state"));
    expect(c.redisUrl).toBe("rediss://:pw@redis.internal:6380/2");
    expect(c.shutdownGraceMs).toBe(25_000);
    expect(c.eventLeaseMs).toBe(3000);
  });

  it("refuses a malformed value naming the variable, never showing the value", () => {
    const secretUrl = "http://user:topsecretpw@host:6379";
    const m = configRefusal({ REDIS_URL: secretUrl });
    expect(m).toMatch(/^REDIS_URL must be a redis:\/\/ or rediss:\/\/ URL/);
    expect(m).not.toContain("topsecretpw");
    expect(configRefusal({ REDIS_URL: "not a url" })).toMatch(/^REDIS_URL/);
    expect(configRefusal({ SHUTDOWN_GRACE_MS: "10s" })).toMatch(
      /^SHUTDOWN_GRACE_MS must be a whole number of milliseconds/,
    );
    expect(configRefusal({ EVENT_LEASE_MS: "100" })).toMatch(
      /^EVENT_LEASE_MS must be a whole number of milliseconds from 500/,
    );
    expect(configRefusal({ DATA_DIR: "a\u0001b" })).toBe("DATA_DIR must be the path of a folder");
  });

  it("knows a Redis URL's password, to redact it from logs", () => {
    expect(redisSecret("redis://:s3cr%40t@h:6379")).toBe("s3cr@t");
    expect(redisSecret("redis://h:6379")).toBeUndefined();
    expect(redisSecret(undefined)).toBeUndefined();
  });
});

describe(".env.example", () => {
  it("copied as it is (every value empty) starts: each setting means its default", async () => {
    const { parse } = await import("dotenv");
    const { readFileSync } = await import("node:fs");
    const env = parse(readFileSync(join(PROJECT_ROOT, ".env.example"), "utf8"));
    for (const name of ["DATA_DIR", "REDIS_URL", "SHUTDOWN_GRACE_MS", "EVENT_LEASE_MS"])
      expect(env).toHaveProperty(name, "");
    expect(readConfig(env)).toEqual(readConfig({}));
  });
});
