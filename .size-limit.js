// Size budgets as users ship them: minified, gzip, a production build (the development-only hints
// behind `process.env.NODE_ENV !== 'production'` dropped). `pnpm size` runs after `pnpm build`.
const production = (config) => ({
  ...config,
  define: { ...config.define, 'process.env.NODE_ENV': '"production"' },
})

export default [
  {
    name: '@lifeline/core (zustand external)',
    path: 'packages/core/dist/index.js',
    import: '{ createLifeline }',
    ignore: ['zustand'],
    limit: '5.4 kB',
    gzip: true,
    modifyEsbuildConfig: production,
  },
  {
    name: '@lifeline/core + zustand',
    path: 'packages/core/dist/index.js',
    import: '{ createLifeline }',
    limit: '5.65 kB',
    gzip: true,
    modifyEsbuildConfig: production,
  },
  {
    name: '@lifeline/react + core + zustand',
    path: 'packages/react/dist/index.js',
    import: '{ useWebSocket }',
    ignore: ['react', 'react-dom', 'react/jsx-runtime'],
    limit: '6.8 kB',
    gzip: true,
    modifyEsbuildConfig: production,
  },
]
