// The mini-program's transport (Taro.request / Taro.uploadFile, wx storage): the one
// place there that talks to the server. Importing this module installs it; the
// plumbing shared with the staff console is core.ts.
import Taro from '@tarojs/taro';
import { KEYS, readStored, writeStored } from '../lib/storage.js';
import { installTransport, type Transport } from './core.js';

export const taroTransport: Transport = {
  async request({ url, method, headers, body, timeoutMs }) {
    const res = await Taro.request({
      url,
      // wx.request knows no PATCH; the mini-program calls no PATCH route (only the console does)
      method: method as Exclude<typeof method, 'PATCH'>,
      header: headers,
      ...(body !== undefined ? { data: body as TaroGeneral.IAnyObject } : {}),
      dataType: 'json',
      timeout: timeoutMs,
    });
    return { statusCode: res.statusCode, data: res.data };
  },
  async upload({ url, filePath, headers, timeoutMs }) {
    const res = await Taro.uploadFile({ url, filePath, name: 'file', header: headers, timeout: timeoutMs });
    return { statusCode: res.statusCode, data: res.data };
  },
  loadToken: () => readStored<string>(KEYS.token),
  saveToken: (t) => writeStored(KEYS.token, t),
};

installTransport(taroTransport);

export { apiUrl, request, session, upload, type Query, type RequestOptions } from './core.js';
