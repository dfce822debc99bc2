// The CSS lives here, outside the type-checked tree: `tsc` knows no `.css` modules.
import '../../chat/src/styles.css'
import './scenario.css'
import type { Preview } from '@storybook/react-vite'
import { preview } from '../src/preview.js'

// An object literal, not the imported binding: Storybook reads this file statically too.
const annotations: Preview = { ...preview }

export default annotations
