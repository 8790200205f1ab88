// @ts-check
// Browser tests of the built web UI in real headless Chromium (Debian's /usr/bin/chromium driven
// by playwright-core; no browser download).
//
//   KCLUSTER=../build/test/src/cli/kcluster npm run e2e
//
// 1. makes a temporary folder, loads the demo programme into a fresh SQLite database there
//    (`kcluster --db … demo load --json`, which prints one account per role with its password);
// 2. starts `kcluster --db … serve --port 0 --web dist` and waits for /healthz;
// 3. runs every scenario of e2e/scenarios/*.mjs (each file exports `scenarios`, see lib.mjs),
//    taking a screenshot after every step into $KC_E2E_OUT/<scenario>/;
// 4. stops the server and the browser (also on failure or Ctrl-C) and exits 1 if anything failed,
//    naming the scenario and the step.
//
// Environment: KCLUSTER (the binary, required), KC_CHROMIUM (default /usr/bin/chromium),
// KC_E2E_OUT (default ../build/test/e2e-screenshots), KC_E2E_ONLY (run only the scenarios whose
// name contains this text), KC_E2E_KEEP=1 (keep the temporary folder), KC_E2E_TIMEOUT_MS (one
// browser action or wait, default 30000: the test build is Debug + ASan and slow).

import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { chromium } from 'playwright-core'
import { createContext, Failure } from './lib.mjs'

const here = dirname(fileURLToPath(import.meta.url))
const webDir = resolve(here, '..')
const repoDir = resolve(webDir, '..')

const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
]

/** @param {string} message @returns {never} */
function fatal(message) {
  console.error(`e2e: ${message}`)
  process.exit(1)
}

function checkPrerequisites() {
  const binary = process.env.KCLUSTER
  if (!binary) {
    fatal(
      'KCLUSTER is not set: point it at a built kcluster binary, e.g. ' +
        '`KCLUSTER=../build/test/src/cli/kcluster npm run e2e` (build it with `make build` or ' +
        '`ninja -C build kcluster`)',
    )
  }
  const kcluster = resolve(process.cwd(), binary)
  if (!existsSync(kcluster)) fatal(`the kcluster binary ${kcluster} does not exist: build it first (make build / make test)`)
  const chrome = process.env.KC_CHROMIUM || '/usr/bin/chromium'
  if (!existsSync(chrome)) {
    fatal(
      `Chromium not found at ${chrome}: install it with ` +
        '`apt-get install chromium chromium-driver fonts-ipaexfont-gothic` (scripts/install-deps.sh ' +
        'does) or set KC_CHROMIUM to a Chromium binary',
    )
  }
  const fonts = spawnSync('fc-list', [':lang=ja'], { encoding: 'utf8' })
  if (fonts.status === 0 && fonts.stdout.trim() === '') {
    fatal('no Japanese font: install fonts-ipaexfont-gothic (scripts/install-deps.sh does); Japanese would render as boxes')
  }
  const dist = join(webDir, 'dist', 'index.html')
  if (!existsSync(dist)) fatal(`${dist} is missing: build the UI first (npm run build)`)
  return { kcluster, chrome, dist: dirname(dist) }
}

/**
 * Runs `kcluster demo load --json` and returns its accounts.
 * @param {string} kcluster @param {string} db
 */
function loadDemo(kcluster, db) {
  const started = Date.now()
  const result = spawnSync(kcluster, ['--db', db, 'demo', 'load', '--json'], {
    encoding: 'utf8',
    timeout: 300_000,
    maxBuffer: 16 * 1024 * 1024,
  })
  if (result.error) fatal(`demo load failed to run: ${result.error.message}`)
  if (result.status !== 0) fatal(`demo load exited with ${result.status}: ${result.stderr.slice(-2000)}`)
  /** @type {{accounts: Array<{login: string, role: string, person_id: number|null, password: string}>}} */
  let parsed
  try {
    parsed = JSON.parse(result.stdout)
  } catch (error) {
    fatal(`demo load --json printed no JSON (${String(error)}): ${result.stdout.slice(0, 500)}`)
    throw error
  }
  if (!Array.isArray(parsed.accounts) || parsed.accounts.length === 0) fatal('demo load --json listed no accounts')
  console.log(`e2e: demo loaded in ${((Date.now() - started) / 1000).toFixed(1)} s (${parsed.accounts.length} accounts)`)
  return parsed.accounts
}

/**
 * Starts the server on a port it picks and waits until /healthz answers.
 * @param {string} kcluster @param {string} db @param {string} dist @param {string} logFile
 */
async function startServer(kcluster, db, dist, logFile) {
  const { openSync } = await import('node:fs')
  const log = openSync(logFile, 'a')
  const child = spawn(kcluster, ['--db', db, 'serve', '--port', '0', '--threads', '2', '--web', dist], {
    stdio: ['ignore', 'pipe', log],
  })
  const stdout = /** @type {import('node:stream').Readable} */ (child.stdout)
  /** @type {string} */
  const baseUrl = await new Promise((resolvePromise, reject) => {
    let output = ''
    const timer = setTimeout(() => reject(new Error(`the server printed no address within 120 s: ${output}`)), 120_000)
    stdout.on('data', (chunk) => {
      output += String(chunk)
      const match = /http:\/\/[\d.]+:(\d+)\//.exec(output)
      if (match) {
        clearTimeout(timer)
        resolvePromise(`http://127.0.0.1:${match[1]}`)
      }
    })
    child.on('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`the server exited with ${code} before listening (log: ${logFile})`))
    })
  })
  stdout.resume()
  const deadline = Date.now() + 60_000
  for (;;) {
    try {
      const response = await fetch(`${baseUrl}/healthz`)
      if (response.ok) break
    } catch {
      // not yet
    }
    if (Date.now() > deadline) throw new Error(`${baseUrl}/healthz did not answer within 60 s`)
    await new Promise((r) => setTimeout(r, 200))
  }
  return { child, baseUrl }
}

/** @param {import('node:child_process').ChildProcess} child */
async function stopServer(child) {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise((r) => child.once('exit', r))
  child.kill('SIGTERM')
  const timeout = new Promise((r) => setTimeout(() => r('timeout'), 15_000))
  if ((await Promise.race([exited, timeout])) === 'timeout') {
    child.kill('SIGKILL')
    await exited
  }
}

async function loadScenarios() {
  const folder = join(here, 'scenarios')
  const files = readdirSync(folder)
    .filter((name) => name.endsWith('.mjs'))
    .sort()
  /** @type {import('./lib.mjs').Scenario[]} */
  const all = []
  for (const file of files) {
    const module = await import(pathToFileURL(join(folder, file)).href)
    if (!Array.isArray(module.scenarios)) fatal(`${file} exports no \`scenarios\` array`)
    all.push(...module.scenarios)
  }
  const only = process.env.KC_E2E_ONLY
  return only ? all.filter((scenario) => scenario.name.includes(only)) : all
}

async function main() {
  const started = Date.now()
  const { kcluster, chrome, dist } = checkPrerequisites()
  const out = resolve(process.cwd(), process.env.KC_E2E_OUT || join(repoDir, 'build', 'test', 'e2e-screenshots'))
  rmSync(out, { recursive: true, force: true })
  mkdirSync(out, { recursive: true })
  const scenarios = await loadScenarios()
  if (scenarios.length === 0) fatal('no scenario to run (check KC_E2E_ONLY)')

  const temp = mkdtempSync(join(tmpdir(), 'kc-e2e-'))
  const db = join(temp, 'kc.db')
  const serverLog = join(temp, 'server.log')
  /** @type {import('node:child_process').ChildProcess | null} */
  let server = null
  /** @type {import('playwright-core').Browser | null} */
  let browser = null
  let cleaned = false
  const cleanUp = async () => {
    if (cleaned) return
    cleaned = true
    await browser?.close().catch(() => {})
    if (server) await stopServer(server)
    if (process.env.KC_E2E_KEEP !== '1') rmSync(temp, { recursive: true, force: true })
  }
  for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
    process.once(signal, () => {
      console.error(`e2e: ${signal}, stopping the server`)
      void cleanUp().finally(() => process.exit(130))
    })
  }

  /** @type {Array<{scenario: string, step: string, message: string}>} */
  const failures = []
  let passed = 0
  try {
    const accounts = loadDemo(kcluster, db)
    const serverStart = Date.now()
    const started_ = await startServer(kcluster, db, dist, serverLog)
    server = started_.child
    // Last resort if the runner dies without cleaning up: never leave the server running.
    const child = server
    process.once('exit', () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
    })
    const baseUrl = started_.baseUrl
    console.log(`e2e: server at ${baseUrl} (up in ${((Date.now() - serverStart) / 1000).toFixed(1)} s)`)
    browser = await chromium.launch({
      executablePath: chrome,
      headless: true,
      args: CHROMIUM_FLAGS,
      timeout: 60_000,
    })
    console.log(`e2e: Chromium ${browser.version()}`)
    const timeout = Number(process.env.KC_E2E_TIMEOUT_MS || 30_000)
    for (const scenario of scenarios) {
      const t0 = Date.now()
      const context = createContext({ browser, baseUrl, accounts, out, scenario: scenario.name, timeout })
      try {
        await scenario.run(context)
        passed += 1
        console.log(`  ok   ${scenario.name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`)
      } catch (error) {
        const step = error instanceof Failure ? error.step : context.currentStep() || '(setup)'
        const message = error instanceof Error ? error.message.split('\n').slice(0, 6).join('\n       ') : String(error)
        failures.push({ scenario: scenario.name, step, message })
        console.log(`  FAIL ${scenario.name}, step "${step}": ${message}`)
      } finally {
        await context.close()
      }
    }
  } catch (error) {
    failures.push({ scenario: '(set-up)', step: '', message: error instanceof Error ? error.message : String(error) })
    console.log(`  FAIL set-up: ${String(error)}`)
  } finally {
    await cleanUp()
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1)
  if (failures.length > 0) {
    if (existsSync(serverLog)) {
      const tail = readFileSync(serverLog, 'utf8').split('\n').slice(-15).join('\n')
      console.error(`e2e: last lines of the server log:\n${tail}`)
    }
    console.error(`e2e: ${failures.length} scenario(s) failed:`)
    for (const failure of failures) console.error(`  - ${failure.scenario} / ${failure.step}: ${failure.message}`)
  }
  console.log(`e2e: screenshots in ${out} (${countPngs(out)} files), ${seconds} s`)
  console.log(`e2e: ${passed} passed, ${failures.length} failed`)
  process.exit(failures.length > 0 ? 1 : 0)
}

/** @param {string} folder @returns {number} */
function countPngs(folder) {
  let count = 0
  for (const name of readdirSync(folder)) {
    const path = join(folder, name)
    if (statSync(path).isDirectory()) count += countPngs(path)
    else if (name.endsWith('.png')) count += 1
  }
  return count
}

await main()
