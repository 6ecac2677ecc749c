/*
 * One entry for every page: mounts the Vue islands that the server-rendered
 * HTML asks for (<div data-island="name" data-props='{…}'>). Pages work
 * without it; islands only add interaction.
 */
import { createApp, defineAsyncComponent, type Component } from 'vue'
import Countdown from './islands/countdown.vue'
import CopyButton from './islands/copy_button.vue'
import DrawVerification from './islands/draw_verification.vue'
import AgencyPicker from './islands/agency_picker.vue'

const islands: Record<string, Component> = {
  'countdown': Countdown,
  'copy-button': CopyButton,
  'draw-verification': DrawVerification,
  'agency-picker': AgencyPicker,
  // ECharts is large: loaded only on pages that show a chart.
  'market-chart': defineAsyncComponent(() => import('./islands/market_chart.vue')),
  // The X.509 library is large too: loaded only where a signing key is enrolled.
  'signing-key-enrolment': defineAsyncComponent(
    () => import('./islands/signing_key_enrolment.vue')
  ),
  'contract-signing': defineAsyncComponent(() => import('./islands/contract_signing.vue')),
}

// Parts that stand in for an island without JavaScript (class no-js-only) step aside.
document.documentElement.classList.add('js')

for (const element of document.querySelectorAll<HTMLElement>('[data-island]')) {
  const island = islands[element.dataset.island ?? '']
  if (!island) continue
  const props = JSON.parse(element.dataset.props ?? '{}')
  createApp(island, props).mount(element)
  element.dataset.mounted = 'true'
}
