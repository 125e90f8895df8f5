/**
 * THE list of back-office features, in navigation order. The shell renders
 * its navigation and routes from it; adding a feature is one folder
 * (`features/<name>/index.ts` + screens + `locales/<lng>.json`) and one line here.
 * Features never import each other: what two of them use lives in `../shared`.
 */
import { attendees } from './attendees'
import { audit } from './audit'
import { conflicts } from './conflicts'
import { badges } from './badges'
import { booth } from './booth'
import { desk } from './desk'
import { desks } from './desks'
import { door } from './door'
import { events } from './events'
import { importFeature } from './import'
import { sales } from './sales'
import { staff } from './staff'
import { vendors } from './vendors'

export const FEATURES = [desk, door, attendees, importFeature, conflicts, sales, booth, events, vendors, badges, staff, desks, audit] as const
