import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// Two pages, one build: the customer portal and the admin console, served by the control plane at /portal/
// and /console/ (assets under /assets/), so every request stays on one origin.
export default defineConfig({
  plugins: [react()],
  base: "/",
  build: {
    outDir: "dist",
    emptyOutDir: true,
    rollupOptions: { input: { portal: "portal/index.html", console: "console/index.html" } },
  },
});
