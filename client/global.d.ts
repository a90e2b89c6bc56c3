/// <reference types="@tarojs/taro" />

/** Build constants from config/index.ts (DefinePlugin). */
/** Origin of the API: '' on H5 (same-origin /api), an HTTPS origin on weapp. */
declare const EJIA_API_BASE: string;
/** true in development and test builds: the role picker over the demo accounts. Never in production. */
declare const EJIA_DEV_LOGIN: boolean;
