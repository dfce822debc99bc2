import { setProjectAnnotations } from '@storybook/react-vite'
import { cleanup } from '@testing-library/react'
import { afterEach } from 'vitest'
import { preview } from '../src/preview.js'

// The same annotations as Storybook's preview (less its CSS), so composed stories render alike.
setProjectAnnotations(preview)

// Vitest runs without globals here, so Testing Library cannot register its own cleanup: unmounting
// each story ends its connection and its fake server's timers before the next test.
afterEach(() => cleanup())
