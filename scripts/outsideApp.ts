// `pnpm check-outside` (and a CI step): the packages as someone outside this repository meets
// them. Builds and packs the publishable packages with `pnpm pack`, checks what each tarball
// ships, installs the tarballs into a fresh app in a temp folder together with packages from the
// npm registry, and there: imports them from plain Node, type-checks the app (strict, with
// noUnusedLocals and noUnusedParameters) with every TypeScript sample of the READMEs in it,
// builds it with Vite, and runs a test of client and server over a real socket, and the examples
// of @lifeline/testing's README (the component test with MSW, the Node test), copied from it.
// KEEP_OUTSIDE_APP=1 keeps the temp folder; it is kept anyway when a step fails.
import { type ExecFileSyncOptions, execFileSync } from 'node:child_process'
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { APP_FILES, appPackageJson, NODE_IMPORT_CHECK, TSCONFIG } from './outside/appFiles.js'
import { buildAndPack, sizeOf } from './outside/pack.js'
import { checkPackedPackage } from './outside/packageChecks.js'
import { extractSamples, readmeExamples, sampleFileName } from './outside/readmeSamples.js'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
/** The READMEs (and Storybook's package pages) whose TypeScript samples must compile in the app. */
const READMES = [
  'README.md',
  'packages/core/README.md',
  'packages/react/README.md',
  'packages/server/README.md',
  'packages/testing/README.md',
  'apps/storybook/stories/docs/Core.mdx',
  'apps/storybook/stories/docs/React.mdx',
  'apps/storybook/stories/docs/Server.mdx',
]

const elapsed = (since: number): string => `${((performance.now() - since) / 1000).toFixed(1)}s`

function step<T>(name: string, run: () => T): T {
  const start = performance.now()
  console.log(`::: outside-app ${name}`)
  const result = run()
  console.log(`::: outside-app ${name} ok (${elapsed(start)})`)
  return result
}

const sh = (command: string, args: string[], options: ExecFileSyncOptions = {}): string =>
  execFileSync(command, args, {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    ...options,
  }) as string

/** Every file under `dir`, relative to it. */
function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? walk(path).map((inner) => `${name}/${inner}`) : [name]
  })
}

function main(): void {
  const start = performance.now()
  const work = mkdtempSync(join(tmpdir(), 'lifeline-outside-'))
  let ok = false
  try {
    const packed = step('build and pack', () => buildAndPack(ROOT, join(work, 'packs')))
    const packages = [...packed.keys()]
    const tarballs = Object.fromEntries([...packed].map(([p, path]) => [p.name, path]))
    for (const [p, path] of packed)
      console.log(`  ${p.name}: ${relative(work, path)} (${sizeOf(path)})`)

    step('tarball contents', () => {
      const rootManifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'))
      const expected = {
        license: readFileSync(join(ROOT, 'LICENSE'), 'utf8'),
        repository: rootManifest.repository?.url as string,
      }
      const problems = packages.flatMap((p) => {
        const dir = join(work, 'unpacked', p.name)
        mkdirSync(dir, { recursive: true })
        sh('tar', ['-xzf', tarballs[p.name] ?? '', '-C', dir])
        const root = join(dir, 'package')
        const files = new Set(walk(root))
        console.log(`  ${p.name}: ${files.size} files`)
        return checkPackedPackage(
          { directory: p.directory, files, read: (path) => readFileSync(join(root, path), 'utf8') },
          expected,
        )
      })
      if (problems.length > 0)
        throw new Error(`the tarballs are not right:\n  ${problems.join('\n  ')}`)
    })

    const app = join(work, 'app')
    step('write the app', () => {
      const write = (path: string, text: string) => {
        mkdirSync(dirname(join(app, path)), { recursive: true })
        writeFileSync(join(app, path), text)
      }
      write('package.json', appPackageJson(tarballs))
      write('tsconfig.json', `${JSON.stringify(TSCONFIG, null, 2)}\n`)
      for (const [path, text] of Object.entries(APP_FILES)) write(path, text)
      let count = 0
      for (const readme of READMES) {
        const samples = extractSamples(readFileSync(join(ROOT, readme), 'utf8'), readme)
        samples.forEach((sample, i) => {
          // The sample exactly as printed, with where it comes from for the compiler's messages.
          write(
            `src/readme/${sampleFileName(readme, i + 1, sample.lang)}`,
            `// ${sample.where}\n${sample.code}`,
          )
        })
        count += samples.length
      }
      console.log(`  ${count} samples from ${READMES.length} READMEs and docs pages in ${app}`)
      // The testing README's examples, as printed, become the app's own tests.
      const testingReadme = readFileSync(join(ROOT, 'packages/testing/README.md'), 'utf8')
      const examples = readmeExamples(testingReadme, 'packages/testing/examples/')
      if (examples.length < 2) throw new Error('the testing README quotes no runnable example')
      for (const example of examples) write(`test/${example.name}`, example.code)
      console.log(`  tests from the testing README: ${examples.map((e) => e.name).join(', ')}`)
    })

    step('npm install', () =>
      sh('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], {
        cwd: app,
        stdio: 'inherit',
      }),
    )
    step('import from node', () =>
      sh(process.execPath, ['--input-type=module', '-e', NODE_IMPORT_CHECK], {
        cwd: app,
        stdio: 'inherit',
      }),
    )
    step('typecheck', () =>
      sh(join(app, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.json'], {
        cwd: app,
        stdio: 'inherit',
      }),
    )
    step('build', () => {
      sh(join(app, 'node_modules/.bin/vite'), ['build', '--logLevel', 'warn'], {
        cwd: app,
        stdio: 'inherit',
      })
      const assets = readdirSync(join(app, 'dist/assets')).filter((f) => f.endsWith('.js'))
      const bundle = assets.map((f) => readFileSync(join(app, 'dist/assets', f), 'utf8')).join('')
      // The engine made it into the bundle: one of its own messages is in there.
      if (!bundle.includes('heartbeat timeout'))
        throw new Error('the build does not contain the engine')
    })
    step('test', () =>
      sh(join(app, 'node_modules/.bin/vitest'), ['run'], { cwd: app, stdio: 'inherit' }),
    )
    ok = true
    console.log(`::: outside-app passed in ${elapsed(start)}`)
  } finally {
    if (ok && process.env['KEEP_OUTSIDE_APP'] !== '1')
      rmSync(work, { recursive: true, force: true })
    else console.log(`::: outside-app files kept in ${work}`)
  }
}

try {
  main()
} catch (error) {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
}
