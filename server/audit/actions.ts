// The actions the audit log knows, in the words the console shows. A domain that
// records a new action adds its line here; an unknown one shows as written.
export const ACTION_LABELS: Record<string, string> = {
  'region.create': '新建县/街道',
  'community.create': '新建社区',
  'region_role.assign': '任命县/街道角色',
  'region_role.remove': '撤销县/街道角色',
  'role.assign': '分配角色',
  'role.remove': '撤销角色',
  'role.invite': '邀请任职',
  'role.invite_withdraw': '撤回任职邀请',
  'role.invite_accept': '领取任职邀请',
  'password.set': '设置登录密码',
  'resident.leave': '居民迁出/去世',
  'registry.import': '导入户籍台账',
  'registry.export': '导出户籍台账',
  'grid.create': '新建网格',
  'grid.rename': '网格改名',
  'building.move': '楼栋换网格',
  'settings.update': '修改社区设置',
};

export const TARGET_LABELS: Record<string, string> = {
  region: '县/街道',
  community: '社区',
  user: '账号',
  resident: '居民',
  household: '户',
  building: '楼栋',
  grid: '网格',
  registry: '户籍台账',
  role_invite: '任职邀请',
};

export const actionLabel = (action: string) => ACTION_LABELS[action] ?? action;

/** The fields entries record, in the console's words; an unknown one shows as written. */
export const FIELD_LABELS: Record<string, string> = {
  name: '名称',
  estate: '安置点',
  district: '所在地',
  street: '街道',
  level: '级别',
  role: '角色',
  region: '县/街道',
  grid: '网格',
  building: '楼栋',
  status: '状态',
  username: '登录名',
  mustChangePassword: '首次登录须改密码',
  consoleSessionsEnded: '结束的工作台登录',
  accountsUnlinked: '解除绑定的微信',
  invitesDeleted: '作废的邀请码',
};

export const fieldLabel = (field: string) => FIELD_LABELS[field] ?? field;
