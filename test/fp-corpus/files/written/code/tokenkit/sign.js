'use strict'

const { KeyObject, createPrivateKey, createSecretKey } = require('node:crypto')
const timespan = require('./lib/timespan')
const validateKey = require('./lib/validate-key')
const jws = require('./lib/jws')

const ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'HS256', 'HS384', 'HS512', 'none']

const optionRules = {
  expiresIn: { ok: (v) => Number.isInteger(v) || (typeof v === 'string' && v !== ''), say: '"expiresIn" must be a number of seconds or a timespan string' },
  notBefore: { ok: (v) => Number.isInteger(v) || (typeof v === 'string' && v !== ''), say: '"notBefore" must be a number of seconds or a timespan string' },
  audience: { ok: (v) => typeof v === 'string' || Array.isArray(v), say: '"audience" must be a string or an array' },
  algorithm: { ok: (v) => ALGORITHMS.includes(v), say: '"algorithm" must be a supported algorithm' },
  header: { ok: (v) => v !== null && typeof v === 'object', say: '"header" must be an object' },
  keyid: { ok: (v) => typeof v === 'string', say: '"keyid" must be a string' },
  allowWeakKeys: { ok: (v) => typeof v === 'boolean', say: '"allowWeakKeys" must be a boolean' },
}

function checkOptions(options) {
  for (const name of Object.keys(options)) {
    const rule = optionRules[name]
    if (!rule) throw new Error(`"${name}" is not an option of sign()`)
    if (!rule.ok(options[name])) throw new Error(rule.say)
  }
}

module.exports = function sign(payload, secretOrPrivateKey, options = {}, callback) {
  if (typeof options === 'function') {
    callback = options
    options = {}
  }
  const fail = (err) => {
    if (callback) return callback(err)
    throw err
  }

  const header = { alg: options.algorithm || 'HS256', typ: 'JWT', kid: options.keyid, ...options.header }

  if (!secretOrPrivateKey && header.alg !== 'none') return fail(new Error('secretOrPrivateKey must have a value'))

  let key = secretOrPrivateKey
  if (key != null && !(key instanceof KeyObject)) {
    try {
      key = createPrivateKey(key)
    } catch {
      try {
        key = createSecretKey(typeof key === 'string' ? Buffer.from(key) : key)
      } catch {
        return fail(new Error('secretOrPrivateKey is not usable key material'))
      }
    }
  }

  if (header.alg.startsWith('HS') && key.type !== 'secret') {
    return fail(new Error(`secretOrPrivateKey must be a symmetric key for ${header.alg}`))
  }
  if (/^(?:RS|PS|ES)/.test(header.alg) && key.type !== 'private') {
    return fail(new Error(`secretOrPrivateKey must be an asymmetric key for ${header.alg}`))
  }
  if (!options.allowWeakKeys) {
    try {
      validateKey(header.alg, key)
    } catch (err) {
      return fail(err)
    }
  }

  try {
    checkOptions(options)
  } catch (err) {
    return fail(err)
  }

  const now = Math.floor(Date.now() / 1000)
  const claims = typeof payload === 'object' && !Buffer.isBuffer(payload) ? { iat: now, ...payload } : payload
  if (options.expiresIn !== undefined) claims.exp = timespan(options.expiresIn, now)
  if (options.notBefore !== undefined) claims.nbf = timespan(options.notBefore, now)
  if (options.audience !== undefined) claims.aud = options.audience

  const token = jws.sign({ header, payload: claims, secret: key, encoding: options.encoding || 'utf8' })
  if (callback) return callback(null, token)
  return token
}
