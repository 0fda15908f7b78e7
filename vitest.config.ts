import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/unit/**/*.test.ts"],
    environment: "node",
    // A throwaway PostgreSQL server for the store's contract tests (tests/support/postgres.ts).
    globalSetup: ["tests/support/vitest-postgres.ts"],
  },
});
