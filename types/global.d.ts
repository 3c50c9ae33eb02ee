/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.gif';
declare module '*.jpg';
declare module '*.jpeg';
declare module '*.svg';
declare module '*.css';
declare module '*.scss';

/** WeChat cloud environment id, replaced at build time (config/index.ts, env CLOUD_ENV). */
declare const CLOUD_ENV: string;
/** ISO time of the build, replaced at build time. */
declare const BUILD_TIME: string;

declare namespace NodeJS {
  interface ProcessEnv {
    /** Replaced at build time by Taro: one bundle keeps only its own branch. */
    TARO_ENV?: 'weapp' | 'swan' | 'alipay' | 'h5' | 'rn' | 'tt' | 'quickapp' | 'qq' | 'jd';
  }
}
