// One jest run, several projects: `npm run test:unit` etc. select one with --selectProjects.
const swc = ['@swc/jest', { jsc: { parser: { syntax: 'typescript', tsx: true }, transform: { react: { runtime: 'automatic' } }, target: 'es2020' }, module: { type: 'commonjs' } }];
const common = {
  transform: { '^.+\\.(t|j)sx?$': swc },
  moduleNameMapper: { '^@core/(.*)$': '<rootDir>/core/$1', '^@/(.*)$': '<rootDir>/src/$1' },
  testEnvironment: 'node',
  // mingo and a few others ship ESM only in some paths
  transformIgnorePatterns: ['/node_modules/(?!(mingo)/)'],
};
module.exports = {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/core/**/*.test.ts', '<rootDir>/src/**/*.test.ts?(x)', '<rootDir>/tests/unit/**/*.test.ts?(x)', '<rootDir>/scripts/**/*.test.ts'] },
    { ...common, displayName: 'emulator', testMatch: ['<rootDir>/tests/emulator/**/*.test.ts', '<rootDir>/emulator/**/*.test.ts'] },
    { ...common, displayName: 'functions', testMatch: ['<rootDir>/tests/functions/**/*.test.ts', '<rootDir>/functions/**/*.test.ts'] },
    { ...common, displayName: 'weapp', testEnvironment: 'jsdom', testMatch: ['<rootDir>/tests/weapp/**/*.test.ts'] },
  ],
};
