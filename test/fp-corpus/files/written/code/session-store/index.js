/*!
 * cookie-session-store
 * MIT Licensed
 */

'use strict'

const cookie = require('cookie')
const crypto = require('node:crypto')
const onHeaders = require('on-headers')
const signature = require('./lib/signature')
const MemoryStore = require('./lib/memory')
const Session = require('./lib/session')

module.exports = sessions
module.exports.MemoryStore = MemoryStore

/**
 * Session middleware.
 *
 * @param {Object} [options]
 * @param {Object} [options.cookie] Options of the session id cookie
 * @param {Function} [options.genid] Makes a new session id
 * @param {String} [options.name=sid] The cookie's name
 * @param {String|Array} options.secret The secret(s) that sign the session id
 * @param {Object} [options.store=MemoryStore] Where sessions are kept
 * @public
 */
function sessions(options = {}) {
  const cookieOptions = options.cookie || {}
  const generateId = options.genid || (() => crypto.randomBytes(24).toString('base64url'))
  const name = options.name || 'sid'
  const store = options.store || new MemoryStore()

  // the secrets that sign the cookie: the first signs, each one verifies
  let secrets = options.secret
  if (Array.isArray(secrets) && secrets.length === 0) {
    throw new TypeError('the secret option needs at least one string')
  }
  if (secrets && !Array.isArray(secrets)) secrets = [secrets]
  if (!secrets) {
    throw new TypeError('cookie-session-store: the secret option is required')
  }

  if (process.env.NODE_ENV === 'production' && store instanceof MemoryStore) {
    console.warn('Warning: the memory store leaks memory and is not meant for production.')
  }

  return function sessionMiddleware(req, res, next) {
    if (req.session) return next()

    const header = req.headers.cookie
    const raw = header ? cookie.parse(header)[name] : undefined
    const sessionId = raw ? unsign(raw, secrets) : undefined

    onHeaders(res, () => {
      if (!req.session) return
      const value = 's:' + signature.sign(req.sessionID, secrets[0])
      const opts = typeof cookieOptions === 'function' ? cookieOptions(req) : cookieOptions
      res.setHeader('Set-Cookie', cookie.serialize(name, value, { path: '/', httpOnly: true, ...opts }))
    })

    const start = (id) => {
      req.sessionID = id
      req.session = new Session(req, {})
      next()
    }
    if (!sessionId) return start(generateId(req))
    store.get(sessionId, (err, data) => {
      if (err || !data) return start(generateId(req))
      req.sessionID = sessionId
      req.session = new Session(req, data)
      next()
    })
  }
}

/** The session id of a signed cookie value, trying each secret in turn. */
function unsign(value, secrets) {
  if (!value.startsWith('s:')) return undefined
  for (const secret of secrets) {
    const id = signature.unsign(value.slice(2), secret)
    if (id !== false) return id
  }
  return undefined
}
