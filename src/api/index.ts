export { api, call, type Api } from './client';
export { ApiError, NETWORK_ERROR, BAD_RESPONSE, fieldErrors } from './errors';
export { FUNCTION_TIMEOUT, FUNCTION_ERROR, FUNCTION_NOT_FOUND } from './cloudError';
export { useQuery, useAction, useMutation, useRequestId, type QueryState, type ActionOptions } from './hooks';
export { newRequestId } from './requestId';
export { useWhoami } from './whoami';
export { askConsent, warmConsent } from './consent';
export { showUnreadBadge } from './badge';
export { usePagedList, type PagedList, type Page } from './usePagedList';
