/// <reference types="@tarojs/taro" />

/** Build constants from config/index.ts (DefinePlugin). */
/** Origin of the API: '' on H5 (same-origin /api), an HTTPS origin on weapp. */
declare const EJIA_API_BASE: string;
/** true in development and test builds: the role picker over the demo accounts. Never in production. */
declare const EJIA_DEV_LOGIN: boolean;
/** Subscribe-message template ids (WECHAT_SUBSCRIBE_TEMPLATE_ORDER / _EMERGENCY at build time); '' when not set. */
declare const EJIA_SUBSCRIBE_TEMPLATES: { order_status?: string; emergency_notice?: string };
