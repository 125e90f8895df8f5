import { TextInput, type TextInputProps } from '@mantine/core'
import { forwardRef } from 'react'
import { LIMITS } from '../../../shared/fields'

/** A PIN: masked, a number pad on touch screens, no longer than the API accepts. */
export const PinField = forwardRef<HTMLInputElement, TextInputProps>(function PinField(props, ref) {
  return (
    <TextInput ref={ref} type="password" inputMode="numeric" autoComplete="new-password" maxLength={LIMITS.pin.max} {...props} />
  )
})
