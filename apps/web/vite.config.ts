import { fileURLToPath } from "node:url";
import { defineConfig, type Plugin } from "vite";
import react from "@vitejs/plugin-react";
import { VitePWA } from "vite-plugin-pwa";
import { compression } from "vite-plugin-compression2";

function reactRouterBuild(file: string): string {
  return fileURLToPath(new URL(`../../node_modules/react-router/dist/production/${file}`, import.meta.url));
}

/** The pages a member uses; with the shell, the service worker keeps them for offline use from the first visit. */
const MEMBER_PAGES = [
  "src/features/shell/components/AppLayout.tsx",
  "src/features/home/components/HomePage.tsx",
  "src/features/ledger/components/MemberAccountsPage.tsx",
  "src/features/ledger/components/StatementPage.tsx",
  "src/features/ledger/components/TransactionPage.tsx",
  "src/features/member-card/components/MemberCardPage.tsx",
  "src/features/security/components/SecurityPage.tsx",
];

/**
 * Collects the script files of the shell (the entry, what it loads at once,
 * their imports) and of the member's pages, as the bundle names them. Other
 * pages' files are cached when first opened, not on the first visit.
 */
function shellAndMemberFiles(): Plugin & { files: Set<string> } {
  const files = new Set<string>();
  return {
    name: "koperasi-shell-and-member-files",
    files,
    generateBundle(_options, bundle) {
      const chunks = Object.values(bundle).flatMap((output) => (output.type === "chunk" ? [output] : []));
      const byFile = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
      const add = (fileName: string) => {
        const chunk = byFile.get(fileName);
        if (!chunk || files.has(fileName)) return;
        files.add(fileName);
        chunk.imports.forEach(add);
      };
      const isMemberPage = (id: string | null) => id !== null && MEMBER_PAGES.some((page) => id.endsWith(`/apps/web/${page}`));
      for (const chunk of chunks) {
        if (chunk.isEntry) [chunk.fileName, ...chunk.dynamicImports].forEach(add);
        else if (isMemberPage(chunk.facadeModuleId)) add(chunk.fileName);
      }
    },
  };
}

const precached = shellAndMemberFiles();

const API_TARGET = "http://localhost:3000";

/** Platform green; a cooperative's own colour replaces it inside its pages and its own manifest. */
const PLATFORM_THEME_COLOR = "#1d7a5a";

export default defineConfig({
  plugins: [
    react(),
    precached,
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
        // The app shell and the member's pages open offline from the first
        // visit; every other page's scripts are cached when first opened.
        globPatterns: ["**/*.{js,css,html,svg,png,ico,woff2,webmanifest}"],
        manifestTransforms: [
          (entries) => ({
            manifest: entries.filter((entry) => !/^assets\/.*\.js$/.test(entry.url) || precached.files.has(entry.url)),
            warnings: [],
          }),
        ],
        navigateFallback: "index.html",
        navigateFallbackDenylist: [/^\/api\//, /^\/k\/[^/]+\/manifest\.webmanifest$/, /^\/healthz$/, /^\/readyz$/],
        cleanupOutdatedCaches: true,
        runtimeCaching: [
          {
            // Built files have their content's hash in their name: a cached copy is always right.
            urlPattern: /\/assets\/[^/]+\.(?:js|css)$/,
            handler: "CacheFirst",
            options: { cacheName: "koperasi-pages", expiration: { maxEntries: 300, maxAgeSeconds: 365 * 24 * 3600 } },
          },
          {
            // Cooperatives' logos and icons: shown on the shell and their login page, also offline.
            urlPattern: /\/api\/v1\/public\/koperasi\/[^/]+\/(?:logo|icon-\d+\.png)/,
            handler: "StaleWhileRevalidate",
            options: { cacheName: "koperasi-branding", expiration: { maxEntries: 50, maxAgeSeconds: 30 * 24 * 3600 } },
          },
        ],
      },
    }),
    // Each built file beside its brotli and gzip copies, sent by the server as the browser accepts (preCompressed).
    compression({ algorithms: ["brotliCompress", "gzip"], include: /\.(?:js|mjs|css|html|svg|json|webmanifest)$/, exclude: /\.vite\//, threshold: 1024 }),
  ],
  resolve: {
    // React Router's package resolves to its development build, warnings included; the app ships its production build.
    alias: [
      { find: /^react-router$/, replacement: reactRouterBuild("index.mjs") },
      { find: /^react-router\/dom$/, replacement: reactRouterBuild("dom-export.mjs") },
    ],
  },
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
    sourcemap: process.env.SOURCEMAP === "1",
    // Read by scripts/size.mjs: which files each page's first load needs.
    manifest: true,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            // The libraries every page needs in full, in one file: one request and one compression window instead of dozens.
            { name: "framework", test: /node_modules[\\/](?:react|react-dom|scheduler|react-router|react-router-dom|@tanstack|i18next|react-i18next|zod)[\\/]/ },
          ],
        },
      },
    },
  },
});
