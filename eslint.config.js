// @ts-check
import eslint from "@eslint/js";
import tseslint from "typescript-eslint";
import { defineConfig } from "eslint/config";
import astro from "eslint-plugin-astro";
import globals from "globals";

export default defineConfig(
  { ignores: ["dist/", ".astro/", "node_modules/", ".tools/", "test-results/", "playwright-report/", "data/"] },
  eslint.configs.recommended,
  ...astro.configs.recommended,
  {
    files: ["**/*.ts", "**/*.tsx"],
    extends: [...tseslint.configs.strictTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      "@typescript-eslint/consistent-type-imports": "error",
      "@typescript-eslint/switch-exhaustiveness-check": "error",
      "@typescript-eslint/restrict-template-expressions": ["error", { allowNumber: true }],
    },
  },
  {
    files: ["**/*.js", "**/*.mjs", "scripts/**"],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ["src/service-worker/**"],
    languageOptions: { globals: { ...globals.serviceworker, __BUILD__: "readonly" } },
  },
  {
    files: ["**/*.astro"],
    languageOptions: { globals: { ...globals.browser } },
  },
);
