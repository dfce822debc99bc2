import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App.js'
import { readConfig } from './config.js'

const root = document.getElementById('root')
if (root === null) throw new Error('index.html has no #root element')

createRoot(root).render(
  <StrictMode>
    <App
      config={readConfig(window.location)}
      initialPage={window.location.hash === '#chat' ? 'chat' : 'lab'}
    />
  </StrictMode>,
)
