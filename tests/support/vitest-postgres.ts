/**
 * Vitest global set-up: one throwaway PostgreSQL server for the whole unit-test run (see
 * postgres.ts), its administrator URL provided to the tests as `postgresUrl` (each test file makes
 * the databases it needs), and the server stopped and removed when the run ends, passed or failed.
 */
import type { TestProject } from "vitest/node";
import { startPostgres } from "./postgres.ts";

declare module "vitest" {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startPostgres();
  project.provide("postgresUrl", server.url);
  return () => server.stop();
}
