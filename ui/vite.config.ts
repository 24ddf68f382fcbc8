import { defineConfig } from "vite";
import { svelte } from "@sveltejs/vite-plugin-svelte";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL(".", import.meta.url));

// The UI is served from the app itself (tauri://localhost): relative paths, no external
// URLs, no source maps in the built bundle, CSS in files (the CSP forbids inline styles).
export default defineConfig({
  root,
  base: "./",
  plugins: [svelte()],
  clearScreen: false,
  // Caches (vite's and vitest's) go under the root node_modules, which git ignores.
  cacheDir: "../node_modules/.vite-ui",
  build: {
    outDir: "dist",
    emptyOutDir: true,
    sourcemap: false,
    target: "safari15",
    assetsInlineLimit: 0,
  },
  test: {
    include: ["src/**/*.test.ts"],
    environment: "node",
  },
});
