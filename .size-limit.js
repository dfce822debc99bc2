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
    limit: '5.95 kB',
    gzip: true,
    modifyEsbuildConfig: production,
  },
  {
    name: '@lifeline/core + zustand',
    path: 'packages/core/dist/index.js',
    import: '{ createLifeline }',
    limit: '6.1 kB',
    gzip: true,
    modifyEsbuildConfig: production,
  },
  {
    name: '@lifeline/react + core + zustand',
    path: 'packages/react/dist/index.js',
    import: '{ useWebSocket }',
    ignore: ['react', 'react-dom', 'react/jsx-runtime'],
    limit: '7.2 kB',
    gzip: true,
    modifyEsbuildConfig: production,
  },
  {
    name: '@lifeline/core/session alone',
    path: 'packages/core/dist/session/index.js',
    import: '{ session }',
    ignore: ['zustand'],
    limit: '1.5 kB',
    gzip: true,
    modifyEsbuildConfig: production,
  },
  {
    name: '@lifeline/core + session + zustand',
    path: ['packages/core/dist/index.js', 'packages/core/dist/session/index.js'],
    import: {
      'packages/core/dist/index.js': '{ createLifeline }',
      'packages/core/dist/session/index.js': '{ session }',
    },
    limit: '7.4 kB',
    gzip: true,
    modifyEsbuildConfig: production,
  },
  // @lifeline/testing: test code, measured so that each entry stays what it says. The main entry
  // must stay small and free of msw and ws; the MSW entry adds only the mock to msw's own size.
  {
    name: '@lifeline/testing (clock, waits, fakes)',
    path: 'packages/testing/dist/index.js',
    import: '{ createManualClock, waitForStatus, createFakeWebSocket }',
    limit: '2.7 kB',
    gzip: true,
  },
  {
    name: '@lifeline/testing/msw (msw external)',
    path: 'packages/testing/dist/msw/index.js',
    import: '{ createWebSocketMock }',
    ignore: ['msw', 'zustand'],
    limit: '3.3 kB',
    gzip: true,
  },
]
