/**
 * THE list of back-office features, in navigation order. The shell renders
 * its navigation and routes from it; adding a feature is one folder
 * (`features/<name>/index.ts` + screens + `locales/<lng>.json`) and one line here.
 * Features never import each other: what two of them use lives in `../shared`.
 */
import { attendees } from './attendees'
import { audit } from './audit'
import { desk } from './desk'
import { events } from './events'
import { importFeature } from './import'
import { staff } from './staff'
import { vendors } from './vendors'

export const FEATURES = [desk, attendees, importFeature, events, vendors, staff, audit] as const
