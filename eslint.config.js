import { configApp } from '@adonisjs/eslint-config'

export default configApp({ ignores: ['public/assets/**', 'build/**', 'tmp/**', '.adonisjs/**'] })
