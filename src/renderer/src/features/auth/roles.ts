import type { TFunction } from 'i18next'
import type { Role } from '../../../../shared/roles'

export function roleLabel(t: TFunction, role: Role): string {
  return t(`roles.${role}`)
}
