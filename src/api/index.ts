export { api, call, type Api } from './client';
export { ApiError, NETWORK_ERROR, BAD_RESPONSE } from './errors';
export { FUNCTION_TIMEOUT, FUNCTION_ERROR } from './transport';
export { useQuery, useAction, useMutation, type QueryState } from './hooks';
