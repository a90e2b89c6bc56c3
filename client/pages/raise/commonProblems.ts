// What residents most often report per kind of request, as chips to tap: typing is hard for many
// elderly residents, and a tapped phrase is a complete description on its own. Keyed by the
// category codes of the standard list (server/demoFacts.ts); a community's own kinds get none
// and the resident types (or asks the building head).
const PROBLEMS: Record<string, string[]> = {
  repair: ['水管漏水', '水龙头坏了', '下水道堵了', '没有水', '停电了', '插座没电', '电灯不亮', '热水器坏了'],
  housing: ['屋顶漏水', '墙面渗水', '窗户漏雨', '门锁坏了', '墙皮脱落', '楼上往下渗水'],
  dispute: ['邻居噪音', '乱占楼道', '家庭矛盾', '漏水引起纠纷', '宠物扰民'],
  low_income: ['想申请低保', '问低保进度', '生病花费大，想申请救助', '家里遇到困难'],
  insurance: ['医保缴费', '医保报销', '养老保险', '社保卡办理'],
  employment: ['想找工作', '想参加培训', '工资被拖欠'],
  household_registration: ['办身份证', '户口迁移', '开证明'],
  school: ['孩子上学', '转学', '学费资助'],
  sanitation: ['垃圾没人清', '楼道脏', '下水道有臭味', '有老鼠蟑螂'],
  safety: ['楼道堆放杂物', '消防栓坏了', '可疑人员', '电动车楼道充电'],
  care: ['老人独自在家，需要看看', '老人生病需要帮助', '孩子没人照看', '需要上门服务'],
  other: ['想咨询政策', '有建议'],
};

export const commonProblemsOf = (categoryCode: string): string[] => PROBLEMS[categoryCode] ?? [];

const SEP = '，';

/** Adds the phrase to the description, or takes it out again (a second tap on the chip). */
export function toggleProblem(description: string, phrase: string): string {
  const parts = description
    .split(SEP)
    .map((p) => p.trim())
    .filter(Boolean);
  const next = parts.includes(phrase) ? parts.filter((p) => p !== phrase) : [phrase, ...parts.filter((p) => p !== phrase)];
  return next.join(SEP);
}

/** The chip is on when the phrase is one of the description's parts (not merely inside a typed word). */
export const hasProblem = (description: string, phrase: string) => description.split(SEP).some((p) => p.trim() === phrase);
