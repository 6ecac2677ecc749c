import { defineConfig, type LogLevel } from 'vite'
import vue from '@vitejs/plugin-vue'
import adonisjs from '@adonisjs/vite/client'

export default defineConfig({
  // `npm start` sets VITE_LOG_LEVEL=warn: its terminal shows the address, the logins and problems.
  logLevel: (process.env.VITE_LOG_LEVEL as LogLevel | undefined) ?? 'info',
  plugins: [
    vue(),
    adonisjs({
      entryPoints: ['resources/css/app.css', 'resources/js/app.ts'],
      reload: ['resources/views/**/*.edge'],
    }),
  ],
  /**
   * Build the browser bundle only: with the Vue plugin, Vite 8 would also
   * build an SSR environment into public/assets and overwrite the manifest.
   */
  builder: {
    async buildApp(builder) {
      await builder.build(builder.environments.client)
    },
  },
  /**
   * Pre-bundle the chart libraries when the dev server starts: discovered
   * lazily, Vite would re-optimise and reload the page the first time a
   * chart is shown (and the first browser test would wait for it).
   */
  optimizeDeps: {
    // Only these, known up front: no second optimisation run that would outdate the first.
    noDiscovery: true,
    include: [
      'vue',
      'vue-echarts',
      'echarts/core',
      'echarts/charts',
      'echarts/components',
      'echarts/renderers',
      'reflect-metadata',
      '@peculiar/x509',
    ],
  },
  server: {
    watch: {
      ignored: ['**/tmp/**'],
    },
  },
})
