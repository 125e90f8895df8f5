/**
 * What a feature tells the back office: its routes, the contract methods each
 * route needs (who may open it follows from those methods' roles, so there is
 * no second table of permissions), its nav entry, its lazily loaded screen and
 * its strings. `src/renderer/src/features/index.ts` lists the features.
 */
import { lazy, type ComponentType, type LazyExoticComponent } from 'react'
import { contract, type MethodName } from '../../../shared/contract'
import { ROLES, type Role } from '../../../shared/roles'
import type { Bundle, BundleLoaders } from '../i18n'
import { matchPath, type Params } from './paths'

export interface RouteDef {
  /** After `#/`, with `:name` parameters: `attendees/:attendeeId`. */
  path: string
  /** Every contract method the screen calls on this route. */
  needs: readonly MethodName[]
}

export interface ScreenProps {
  /** The route that matched (its pattern) and its parameters. */
  route: string
  params: Params
}

/** An event-bound screen gets the event picked in the header; it never shows without one. */
export interface EventScreenProps extends ScreenProps {
  eventId: string
}

type Screen<P> = () => Promise<{ default: ComponentType<P> }>

interface Common<Id extends string, En extends Bundle> {
  /** Also the feature's i18n namespace. */
  id: Id
  /** `label` is a key of the feature's namespace; the nav links to the first route (which has no parameters). */
  nav: { label: string; icon: string }
  routes: readonly [RouteDef, ...RouteDef[]]
  /** English is bundled with the feature; `others` is `import.meta.glob` of `./locales/*.json` without en. */
  locales: { en: En; others: BundleLoaders }
  /** Organizers without any event are sent to this feature. */
  createsEvents?: boolean
}

export type FeatureDef<Id extends string, En extends Bundle> = Common<Id, En> &
  ({ eventBound: true; screen: Screen<EventScreenProps> } | { eventBound: false; screen: Screen<ScreenProps> })

export type Feature<Id extends string = string, En extends Bundle = Bundle> = Common<Id, En> & {
  eventBound: boolean
  /** Gets `eventId` exactly when the feature is event-bound. */
  Screen: LazyExoticComponent<ComponentType<ScreenProps & { eventId?: string }>>
}

/** The roles that may call every method in `needs`. */
export function rolesFor(needs: readonly MethodName[]): Role[] {
  return ROLES.filter((role) =>
    needs.every((method) => {
      const roles = contract[method].roles
      return roles === 'public' || roles.includes(role)
    })
  )
}

export function mayOpen(role: Role, route: RouteDef): boolean {
  return rolesFor(route.needs).includes(role)
}

export function defineFeature<const Id extends string, En extends Bundle>(def: FeatureDef<Id, En>): Feature<Id, En> {
  // The shell passes `eventId` exactly when `eventBound` says so, which the union above ties to the screen's props.
  const Screen = lazy(def.screen as Screen<ScreenProps & { eventId?: string }>)
  return { ...def, Screen }
}

export interface RouteMatch {
  feature: Feature
  route: RouteDef
  params: Params
}

/** The first route of `features` that fits `path` and that `role` may open. */
export function matchRoute(features: readonly Feature[], role: Role, path: string): RouteMatch | null {
  for (const feature of features) {
    for (const route of feature.routes) {
      const params = matchPath(route.path, path)
      if (params && mayOpen(role, route)) return { feature, route, params }
    }
  }
  return null
}

/** The features `role` sees in the navigation (those whose first route it may open). */
export function navFor(features: readonly Feature[], role: Role): Feature[] {
  return features.filter((f) => mayOpen(role, f.routes[0]))
}
