import type { PropsWithChildren } from 'react';
import Taro from '@tarojs/taro';
import { listenPrivacy } from './privacy/state';
import '@nutui/icons-react-taro/dist/style_icon.css';
import './app.scss';

// weapp: one cloud init for the whole app, before any page calls a function.
// CLOUD_ENV comes from the build (config/index.ts); the h5 bundle drops this branch.
if (process.env.TARO_ENV === 'weapp') {
  Taro.cloud.init({ env: CLOUD_ENV, traceUser: true });
  // WeChat asks us to show our privacy popup before the first privacy-related API call.
  listenPrivacy();
}

function App({ children }: PropsWithChildren) {
  return children;
}

export default App;
