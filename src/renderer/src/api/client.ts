/**
 * The one way the renderer talks to the core: `call(method, input)`, typed
 * from the contract. In Electron it goes through the preload bridge; in a
 * browser (station mode) it is `POST /api/rpc/<method>`. Either way a failure
 * is an ApiError, and a lost session on a non-public call signs the operator out.
 */
import { contract, type InputOf, type MethodName, type ResultOf } from '../../../shared/contract'
import { ApiError, type FieldIssue, type MessageParams } from '../../../shared/errors'
import type { DesktopBridge } from '../../../shared/ipc'
import i18n from '../i18n'
import { currentToken, useSession } from './session'

export function desktopBridge(): DesktopBridge | null {
  return typeof window !== 'undefined' && window.eventdesk ? window.eventdesk : null
}

async function viaBridge(bridge: DesktopBridge, method: string, input: unknown, token: string | null): Promise<unknown> {
  const reply = await bridge.rpc(method, input, token)
  if (reply.ok) return reply.result
  throw ApiError.fromBody(reply, i18n.t('errors.generic'))
}

async function viaHttp(method: string, input: unknown, token: string | null): Promise<unknown> {
  let response: Response
  try {
    response = await fetch('/api/rpc/' + encodeURIComponent(method), {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        ...(token ? { Authorization: 'Bearer ' + token } : {})
      },
      body: JSON.stringify(input ?? {})
    })
  } catch {
    throw new ApiError('internal', i18n.t('errors.network'))
  }
  let body: unknown = null
  try {
    body = await response.json()
  } catch {
    body = null
  }
  if (!response.ok) throw ApiError.fromBody(body, i18n.t('errors.http', { status: response.status }))
  return body
}

export async function call<M extends MethodName>(method: M, input: InputOf<M>): Promise<ResultOf<M>> {
  const token = currentToken()
  const bridge = desktopBridge()
  try {
    const result = bridge ? await viaBridge(bridge, method, input, token) : await viaHttp(method, input, token)
    return result as ResultOf<M>
  } catch (err) {
    const apiError = err instanceof ApiError ? err : new ApiError('internal', errorMessage(err))
    // The session expired or the operator was deactivated: back to sign-in.
    if (apiError.code === 'unauthenticated' && contract[method].roles !== 'public' && token && currentToken() === token) {
      useSession.getState().signOut()
    }
    throw apiError
  }
}

/** A keyed message in the operator's language, or null when this UI has no text for the key. */
function translated(group: 'apiErrors' | 'fieldErrors', key: string | undefined, params?: MessageParams): string | null {
  const full = key ? `shared:${group}.${key}` : null
  return full && i18n.exists(full) ? i18n.t(full as never, params) : null
}

function issueMessage(issue: FieldIssue): string {
  return translated('fieldErrors', issue.key, issue.params) ?? issue.message
}

/** The label of a field path like `fields.email` or `email`, for "E-mail: …" messages. */
export function fieldLabel(path: string): string {
  const name = path.split('.').at(-1) ?? path
  const key = `shared:fields.${name}`
  return i18n.exists(key) ? i18n.t(key as never) : name
}

/** "E-mail: Enter a valid e-mail address." */
export function issueText(path: string, message: string): string {
  return i18n.t('shared:apiErrors.invalidField', { field: fieldLabel(path), message })
}

/** What to tell the operator about a failure, translated where the core gave a key. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) {
    const first = err.issues?.[0]
    if (err.key === 'invalidField' && first) return issueText(first.path, issueMessage(first))
    return translated('apiErrors', err.key, err.params) ?? err.message
  }
  if (err instanceof Error && err.message) return err.message
  return i18n.t('errors.generic')
}

/** Field-level messages of an API error, translated: `{ email: 'Enter a valid e-mail address.' }`. */
export function fieldErrors(err: unknown, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {}
  if (!(err instanceof ApiError) || !err.issues) return out
  for (const issue of err.issues) {
    let path = issue.path
    if (prefix && path.startsWith(prefix + '.')) path = path.slice(prefix.length + 1)
    if (!(path in out)) out[path] = issueMessage(issue)
  }
  return out
}
