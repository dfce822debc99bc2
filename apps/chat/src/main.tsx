import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App.js'
import { readConfig } from './config.js'
import { DevServerControls } from './DevServerControls.js'
import { serverFromPage } from './devServer.js'

const root = document.getElementById('root')
if (root === null) throw new Error('index.html has no #root element')

const config = readConfig(window.location, serverFromPage(document))

createRoot(root).render(
  <StrictMode>
    <App
      config={config}
      initialPage={window.location.hash === '#chat' ? 'chat' : 'lab'}
      // A constant in each build: production drops the controls' code altogether.
      toolbar={import.meta.env.DEV ? <DevServerControls config={config} /> : null}
    />
  </StrictMode>,
)
