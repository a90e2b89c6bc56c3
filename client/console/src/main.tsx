import { App as AntApp, ConfigProvider } from 'antd';
import type { Locale } from 'antd/es/locale/index.js';
import zhCNModule from 'antd/es/locale/zh_CN.js';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn.js';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Console } from './Console.js';
import './console.css';

// antd ships ES modules without "type": "module": TypeScript (NodeNext) sees a CommonJS
// module with a `default`, Vite the ES module's default export itself
const zhCN = ((zhCNModule as unknown as { default?: Locale }).default ?? zhCNModule) as Locale;
dayjs.locale('zh-cn');

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ConfigProvider locale={zhCN} theme={{ token: { colorPrimary: '#c0392b', borderRadius: 4, fontSize: 14 } }}>
      {/* toasts below the 64 px header and a drawer's 55 px title bar, not over the drawer's ✕ (console.css) */}
      <AntApp message={{ top: 72 }}>
        <Console />
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);
