export const ERROR_STATUS = {
  invalid_input: 400,
  unauthenticated: 401,
  forbidden: 403,
  unknown_method: 404,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal: 500,
  /** Something this desk needs elsewhere (a backup target) cannot be reached now. */
  unavailable: 503
} as const

export type ErrorCode = keyof typeof ERROR_STATUS

export type MessageParams = Record<string, string | number>

/**
 * Messages carry an English text (for the API and logs) and, where a screen
 * shows them, a stable `key` with `params` the renderer translates.
 */
export interface FieldIssue {
  path: string
  message: string
  key?: string
  params?: MessageParams
}

/** The error shape every transport carries (HTTP body, IPC rejection). */
export interface ApiErrorBody {
  error: { code: ErrorCode; message: string; key?: string; params?: MessageParams; issues?: FieldIssue[] }
}

export interface ApiErrorDetail {
  issues?: FieldIssue[]
  key?: string
  params?: MessageParams
}

export class ApiError extends Error {
  readonly issues?: FieldIssue[]
  readonly key?: string
  readonly params?: MessageParams

  constructor(
    readonly code: ErrorCode,
    message: string,
    detail: ApiErrorDetail = {}
  ) {
    super(message)
    this.name = 'ApiError'
    this.issues = detail.issues
    this.key = detail.key
    this.params = detail.params
  }

  get status(): number {
    return ERROR_STATUS[this.code]
  }

  toBody(): ApiErrorBody {
    const { issues, key, params } = this
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(key ? { key } : {}),
        ...(params ? { params } : {}),
        ...(issues ? { issues } : {})
      }
    }
  }

  static fromBody(body: unknown, fallbackMessage: string): ApiError {
    const err = (body as Partial<ApiErrorBody> | null)?.error
    if (err && typeof err.code === 'string' && err.code in ERROR_STATUS) {
      return new ApiError(err.code, err.message ?? fallbackMessage, { issues: err.issues, key: err.key, params: err.params })
    }
    return new ApiError('internal', fallbackMessage)
  }
}
