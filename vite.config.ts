import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'
import adonisjs from '@adonisjs/vite/client'

export default defineConfig({
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
  server: {
    watch: {
      ignored: ['**/tmp/**'],
    },
  },
})
