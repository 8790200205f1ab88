/// <reference types="vitest/config" />
import { fileURLToPath, URL } from 'node:url'
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'

// The dev server proxies the JSON API to a local `kcluster serve --port 8099`; the production
// build goes to dist/ (hashed assets under dist/assets/), which `kcluster serve --web web/dist`
// serves with the SPA fallback.
export default defineConfig({
  plugins: [vue()],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: process.env.KC_API ?? 'http://127.0.0.1:8099', changeOrigin: false },
      '/healthz': { target: process.env.KC_API ?? 'http://127.0.0.1:8099' },
    },
  },
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      output: {
        // Name the big libraries' chunks after them (ECharts + zrender ≈ 550 kB, loaded only by
        // the dashboards; vue-i18n with its message compiler).
        advancedChunks: {
          groups: [
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender)[\\/]/ },
            { name: 'vue', test: /node_modules[\\/](@vue|vue|vue-router|vue-i18n|@intlify)[\\/]/ },
          ],
        },
      },
    },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.ts'],
    restoreMocks: true,
  },
})
