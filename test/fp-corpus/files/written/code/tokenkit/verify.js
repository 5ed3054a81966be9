'use strict'

const { KeyObject, createPublicKey, createSecretKey } = require('node:crypto')
const TokenMalformedError = require('./lib/TokenMalformedError')
const TokenExpiredError = require('./lib/TokenExpiredError')
const NotBeforeError = require('./lib/NotBeforeError')
const decode = require('./decode')
const jws = require('./lib/jws')

const HMAC = ['HS256', 'HS384', 'HS512']
const PUBLIC = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512']

module.exports = function verify(token, secretOrPublicKey, options = {}, callback) {
  if (typeof options === 'function' && !callback) {
    callback = options
    options = {}
  }
  const done = callback || ((err, data) => {
    if (err) throw err
    return data
  })

  if (typeof token !== 'string' || token === '') return done(new TokenMalformedError('jwt must be a non-empty string'))
  const parts = token.split('.')
  if (parts.length !== 3) return done(new TokenMalformedError('jwt malformed'))

  let decoded
  try {
    decoded = decode(token, { complete: true })
  } catch (err) {
    return done(err)
  }
  if (!decoded) return done(new TokenMalformedError('invalid token'))

  const lookup = typeof secretOrPublicKey === 'function'
    ? secretOrPublicKey
    : (_header, give) => give(null, secretOrPublicKey)
  if (typeof secretOrPublicKey === 'function' && !callback) {
    return done(new TokenMalformedError('verify needs a callback when the secret or public key comes from a function'))
  }

  return lookup(decoded.header, (err, key) => {
    if (err) return done(new TokenMalformedError(`error in the secret or public key callback: ${err.message}`))
    const signed = parts[2] !== ''
    if (!signed && key) return done(new TokenMalformedError('jwt signature is required'))
    if (signed && !key) return done(new TokenMalformedError('secret or public key must be provided'))

    if (key != null && !(key instanceof KeyObject)) {
      try {
        key = createPublicKey(key)
      } catch {
        key = createSecretKey(typeof key === 'string' ? Buffer.from(key) : key)
      }
    }
    const allowed = options.algorithms || (key?.type === 'secret' ? HMAC : PUBLIC)
    if (!allowed.includes(decoded.header.alg)) return done(new TokenMalformedError('invalid algorithm'))
    if (signed && !jws.verify(token, decoded.header.alg, key)) return done(new TokenMalformedError('invalid signature'))

    const now = options.clockTimestamp || Math.floor(Date.now() / 1000)
    const skew = options.clockTolerance || 0
    const { payload } = decoded
    if (typeof payload.nbf === 'number' && payload.nbf > now + skew) return done(new NotBeforeError('jwt not active', new Date(payload.nbf * 1000)))
    if (typeof payload.exp === 'number' && now >= payload.exp + skew) return done(new TokenExpiredError('jwt expired', new Date(payload.exp * 1000)))
    if (options.audience && ![].concat(payload.aud).some((a) => [].concat(options.audience).includes(a))) {
      return done(new TokenMalformedError('jwt audience invalid'))
    }
    return done(null, options.complete ? decoded : payload)
  })
}
