/** The demo users the local seed creates (one list, shared with the seed; it has no Node imports). */
export { demoUsers, DEFAULT_DEMO_OPENID, type DemoUser } from '@core/demo/users';
