import { describe, expect, it } from 'vitest'
import { isLocalOrigin } from './origins.js'

describe('isLocalOrigin', () => {
  it.each([
    'http://127.0.0.1:4173',
    'https://127.0.0.1:5173',
    'http://localhost:5173',
    'http://localhost',
    'http://[::1]:5173',
  ])('accepts %s', (origin) => {
    expect(isLocalOrigin(origin)).toBe(true)
  })

  it.each([
    'http://evil.example',
    'http://localhost.evil.example',
    'http://127.0.0.1.evil.example:4173',
    'file://localhost',
    'null',
    '',
  ])('refuses %s', (origin) => {
    expect(isLocalOrigin(origin)).toBe(false)
  })
})
