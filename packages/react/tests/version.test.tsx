import { render, screen } from '@testing-library/react'
import { version } from 'react'
import { version as domVersion } from 'react-dom'
import { expect, it } from 'vitest'

it('runs on the React major its project names, with the matching react-dom', () => {
  render(<p>react {version}</p>)
  expect(screen.getByText(`react ${version}`)).toBeTruthy()
  expect(version.split('.')[0]).toBe(process.env['REACT_MAJOR'])
  expect(domVersion).toBe(version)
})
