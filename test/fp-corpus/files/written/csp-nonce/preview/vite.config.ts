import { randomBytes } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { defineConfig, type Plugin } from 'vite'

// Replaced in every HTML response by a fresh nonce.
const NONCE_MARKER = '%%CSP_NONCE%%'
const freshNonce = (): string => randomBytes(18).toString('base64')

function policyFor(nonce: string): string {
  return [`script-src 'nonce-${nonce}' 'strict-dynamic'`, `style-src 'nonce-${nonce}'`, "object-src 'none'"].join('; ')
}

function servePage(htmlFile: string, rewrite: (html: string, url: string) => Promise<string>) {
  return async (req: { originalUrl?: string }, res: import('node:http').ServerResponse) => {
    const nonce = freshNonce()
    res.setHeader('Content-Security-Policy', policyFor(nonce))
    const html = await readFile(resolve(import.meta.dirname, htmlFile), 'utf8')
    const page = await rewrite(html, req.originalUrl ?? '/')
    res.setHeader('Content-Type', 'text/html; charset=utf-8')
    res.end(page.split(NONCE_MARKER).join(nonce))
  }
}

const cspPlugin: Plugin = {
  name: 'per-request-csp',
  config: () => ({ appType: 'custom', html: { cspNonce: NONCE_MARKER } }),
  configureServer(server) {
    return () => server.middlewares.use(servePage('./index.html', (html, url) => server.transformIndexHtml(url, html)))
  },
  configurePreviewServer(server) {
    return () => server.middlewares.use(servePage('./dist/index.html', async (html) => html))
  },
}

export default defineConfig({ plugins: [cspPlugin] })
