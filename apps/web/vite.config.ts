import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";
import { VitePWA } from "vite-plugin-pwa";

const API_TARGET = "http://localhost:3000";

/** Platform green; a cooperative's own colour replaces it inside its pages and its own manifest. */
const PLATFORM_THEME_COLOR = "#1d7a5a";

export default defineConfig({
  plugins: [
    react(),
    VitePWA({
      strategies: "generateSW",
      registerType: "autoUpdate",
      injectRegister: false,
      includeAssets: ["favicon.svg", "apple-touch-icon.png"],
      manifest: {
        id: "/",
        name: "Koperasi Pintar",
        short_name: "Koperasi Pintar",
        description: "Platform untuk koperasi Indonesia: pengurus, anggota, dan aplikasi dengan nama, logo dan warna koperasi sendiri.",
        lang: "id",
        dir: "ltr",
        start_url: "/",
        scope: "/",
        display: "standalone",
        orientation: "portrait",
        theme_color: PLATFORM_THEME_COLOR,
        background_color: "#ffffff",
        categories: ["finance", "business"],
        icons: [
          { src: "/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
          { src: "/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
          { src: "/icon-maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
        ],
      },
      workbox: {
        // The app shell: every built asset, so the app opens offline.
        globPatterns: ["**/*.{js,css,html,svg,png,ico,woff2,webmanifest}"],
        navigateFallback: "index.html",
        navigateFallbackDenylist: [/^\/api\//, /^\/k\/[^/]+\/manifest\.webmanifest$/, /^\/healthz$/, /^\/readyz$/],
        cleanupOutdatedCaches: true,
        runtimeCaching: [
          {
            // Cooperatives' logos and icons: shown on the shell and their login page, also offline.
            urlPattern: /\/api\/v1\/public\/koperasi\/[^/]+\/(?:logo|icon-\d+\.png)/,
            handler: "StaleWhileRevalidate",
            options: { cacheName: "koperasi-branding", expiration: { maxEntries: 50, maxAgeSeconds: 30 * 24 * 3600 } },
          },
        ],
      },
    }),
  ],
  server: {
    port: 5173,
    proxy: {
      "/api": { target: API_TARGET, changeOrigin: false },
      "/healthz": { target: API_TARGET },
      "/readyz": { target: API_TARGET },
      "^/k/[^/]+/manifest\\.webmanifest$": { target: API_TARGET },
    },
  },
  preview: {
    proxy: {
      "/api": { target: API_TARGET },
      "^/k/[^/]+/manifest\\.webmanifest$": { target: API_TARGET },
    },
  },
  build: {
    outDir: "dist",
    sourcemap: false,
  },
});
