import { setting } from "../../config-paths.js";

/** Where the articles live: in this process's memory (the default) or in PostgreSQL. */
export type ArticlesBackend = "memory" | "postgres";

export interface BackendSettings {
  backend: ArticlesBackend;
  /** postgres:// URL (required with the postgres backend). */
  databaseUrl?: string;
}

/** A malformed backend setting; the message names the variable, never its value. */
export class BackendSettingError extends Error {}

/** Reads ARTICLES_BACKEND (memory or postgres) and DATABASE_URL. */
export function backendSettingsFrom(env: NodeJS.ProcessEnv = process.env): BackendSettings {
  const backend = (setting(env, "ARTICLES_BACKEND") ?? "memory").toLowerCase();
  if (backend !== "memory" && backend !== "postgres")
    throw new BackendSettingError("ARTICLES_BACKEND must be memory or postgres");
  const databaseUrl = setting(env, "DATABASE_URL");
  if (databaseUrl && !/^postgres(?:ql)?:\/\/./.test(databaseUrl))
    throw new BackendSettingError("DATABASE_URL must be a postgres:// or postgresql:// URL");
  if (backend === "postgres" && !databaseUrl)
    throw new BackendSettingError("ARTICLES_BACKEND=postgres needs DATABASE_URL (a postgres:// URL)");
  return { backend, databaseUrl };
}
