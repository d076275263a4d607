import type { Wording } from './wording.ts';

const tag = '【江苏精品】';
const responsible = (concerning: string | undefined) => (concerning ? `（责任方：${concerning}）` : '');

/** Chinese: the default language of every contact. */
export const zh: Wording = {
  deadline: {
    'deadline-reminder': {
      subject: (f) => `${tag}待办提醒：案件 ${f.caseNumber} 将于 ${f.deadline} 到期`,
      body: (f) => `案件 ${f.caseNumber} 有一项待您办理的任务，截止时间为 ${f.deadline}（北京时间）。请在截止前登录系统完成办理。`,
    },
    'deadline-escalation': {
      subject: (f) => `${tag}逾期督办：案件 ${f.caseNumber} 已超过 ${f.deadline} 的期限`,
      body: (f) =>
        `案件 ${f.caseNumber} 的任务未在 ${f.deadline}（北京时间）前完成${responsible(f.concerning)}。请督促责任方尽快办理，并视情况处理。`,
    },
    'cnca-report-reminder': {
      subject: (f) => `${tag}请报送认证结果：案件 ${f.caseNumber}，截止 ${f.deadline}`,
      body: (f) =>
        `案件 ${f.caseNumber} 的认证已结束。请于 ${f.deadline}（北京时间）前通过认证认可业务信息统一上报平台向国家认监委（CNCA）报送认证结果，并反馈江苏精品国际认证联盟秘书处。`,
    },
    'cnca-report-escalation': {
      subject: (f) => `${tag}逾期督办：案件 ${f.caseNumber} 未按期向国家认监委（CNCA）报送认证结果`,
      body: (f) =>
        `${f.concerning ?? '认证机构'}未在 ${f.deadline}（北京时间）前向国家认监委（CNCA）报送案件 ${f.caseNumber} 的认证结果（应在认证结束后 7 个工作日内报送）。请督促其立即报送，并依规处理。`,
    },
    'city-submission-reminder': {
      subject: (f) => `${tag}报送提醒：请于 ${f.deadline} 前报送 ${f.caseNumber} 批次推荐材料`,
      body: (f) =>
        `请于 ${f.deadline}（北京时间）前将本市审核推荐的 ${f.caseNumber} 批次申报材料（纸质版和电子版，含附件4汇总表）统一报送省质量发展委员会办公室。`,
    },
    'annual-report-reminder': {
      subject: (f) => `${tag}年度报告提醒：请于 ${f.deadline} 前报送 ${f.caseNumber} 年度认证工作报告`,
      body: (f) => `请于 ${f.deadline}（北京时间）前向省质量发展委员会办公室报送 ${f.caseNumber} 年度“江苏精品”认证工作报告。`,
    },
    'annual-report-escalation': {
      subject: (f) => `${tag}逾期督办：${f.caseNumber} 年度认证工作报告未在 ${f.deadline} 前报送`,
      body: (f) =>
        `${f.concerning ?? '江苏精品国际认证联盟秘书处'}未在 ${f.deadline}（北京时间）前报送 ${f.caseNumber} 年度“江苏精品”认证工作报告。请督促其尽快报送。`,
    },
    'certificate-renewal-reminder': {
      subject: (f) => `${tag}证书到期提醒：${f.caseNumber} 号证书将于 ${f.deadline} 到期`,
      body: (f) =>
        `贵单位的“江苏精品”认证证书 ${f.caseNumber} 将于 ${f.deadline}（北京时间）到期。如需继续使用，请及早向认证机构申请再认证。`,
    },
  },
  digest: {
    subject: (date, overdue, dueSoon) => `${tag}每日待办汇总（${date}）：逾期 ${overdue} 项，5 个工作日内到期 ${dueSoon} 项`,
    overdueHeading: '已逾期：',
    dueSoonHeading: '5 个工作日内到期：',
    nothing: '（无）',
    item: (caseNumber, taskName, due) => `案件 ${caseNumber}：${taskName}，截止 ${due}`,
  },
  greeting: (name) => `${name}：\n\n您好！`,
  linkLabel: '办理地址：',
  footer: '此邮件由“江苏精品”系统自动发送，请勿直接回复。',
};
