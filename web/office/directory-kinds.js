// The directory's record kinds as the pages show and edit them (docs/directory.md): the route, who
// may list and save them, and each field with its label and how its text becomes the record's value.

const YES_NO = { type: 'bool' };
const CATEGORIES = [['AGRICULTURE', '农业 / Agriculture'], ['MANUFACTURING', '制造业 / Manufacturing'], ['SERVICE', '服务业 / Services']];

export const directoryKinds = {
  // Enterprises register themselves; their county confirms them (web/office/enterprises.js).
  enterprises: {
    kind: 'enterprise',
    name: ['企业', 'Enterprises'],
    listers: ['county_office', 'city_office', 'provincial_office'],
    keepers: [],
  },
  experts: {
    kind: 'expert',
    path: '/experts',
    name: ['专家', 'Experts'],
    listers: ['provincial_office'],
    keepers: ['provincial_office'],
    key: 'id',
    fields: [
      { name: 'id', zh: '编号', en: 'Id', required: true, hint: '字母、数字或 -，至多 40 位 / letters, digits or -' },
      { name: 'name', zh: '姓名', en: 'Name', required: true },
      { name: 'cityCode', zh: '所在市或县代码', en: 'City or county code', required: true, hint: '如 / e.g. 320300' },
      { name: 'employerCode', zh: '工作单位信用代码', en: 'Employer\'s credit code', required: true },
      { name: 'employerName', zh: '工作单位', en: 'Employer', required: true },
      { name: 'categories', zh: '专业类别', en: 'Categories', type: 'choices', options: CATEGORIES, required: true },
      { name: 'fields', zh: '专业领域', en: 'Fields', type: 'list', hint: '以分号分隔 / separated by ;' },
      { name: 'email', zh: '邮箱', en: 'E-mail', type: 'email' },
      { name: 'active', zh: '在库可抽取', en: 'Active (may be drawn)', ...YES_NO, default: true },
    ],
    columns: [['id', '编号 / Id'], ['name', '姓名 / Name'], ['cityCode', '所在地 / Place'], ['employerName', '工作单位 / Employer'], ['categories', '类别 / Categories'], ['active', '在库 / Active']],
  },
  institutes: {
    kind: 'institute',
    path: '/standardization-institutes',
    name: ['标准化研究机构', 'Standardization institutes'],
    listers: ['provincial_office'],
    keepers: ['provincial_office'],
    key: 'id',
    fields: [
      { name: 'id', zh: '编号', en: 'Id', required: true },
      { name: 'name', zh: '名称', en: 'Name', required: true },
      { name: 'cityCode', zh: '所在地代码', en: 'Division code' },
      { name: 'email', zh: '邮箱', en: 'E-mail', type: 'email' },
    ],
    columns: [['id', '编号 / Id'], ['name', '名称 / Name'], ['cityCode', '所在地 / Place'], ['email', '邮箱 / E-mail']],
  },
  bodies: {
    kind: 'certification_body',
    path: '/certification-bodies',
    name: ['认证机构', 'Certification bodies'],
    listers: ['provincial_office', 'alliance_secretariat'],
    keepers: ['alliance_secretariat'],
    key: 'id',
    fields: [
      { name: 'id', zh: '编号', en: 'Id', required: true },
      { name: 'name', zh: '名称', en: 'Name', required: true },
      { name: 'allianceMember', zh: '联盟成员', en: 'Alliance member', ...YES_NO, default: true },
      { name: 'email', zh: '邮箱', en: 'E-mail', type: 'email' },
    ],
    columns: [['id', '编号 / Id'], ['name', '名称 / Name'], ['allianceMember', '联盟成员 / Member'], ['status', '状态 / Status'], ['email', '邮箱 / E-mail']],
  },
  'member-units': {
    kind: 'member_unit',
    path: '/member-units',
    name: ['省质委成员单位', 'Member units'],
    listers: ['provincial_office'],
    keepers: ['provincial_office'],
    key: 'id',
    fields: [
      { name: 'id', zh: '编号', en: 'Id', required: true },
      { name: 'name', zh: '名称', en: 'Name', required: true },
      { name: 'email', zh: '邮箱', en: 'E-mail', type: 'email' },
    ],
    columns: [['id', '编号 / Id'], ['name', '名称 / Name'], ['email', '邮箱 / E-mail']],
  },
  contacts: {
    kind: 'contact',
    path: '/notification-contacts',
    name: ['通知联系人', 'Notification contacts'],
    listers: ['provincial_office'],
    keepers: ['provincial_office'],
    key: 'email',
    fields: [
      { name: 'role', zh: '单位角色', en: 'Office role', type: 'select', required: true, options: [
        ['provincial_office', '省质委办 / Provincial office'], ['city_office', '市质委办 / City office'], ['county_office', '县质委办 / County office'],
        ['member_unit', '成员单位 / Member unit'], ['standardization_institute', '标准化研究机构 / Institute'], ['alliance_secretariat', '联盟秘书处 / Alliance secretariat'],
        ['certification_body', '认证机构 / Certification body'], ['supervision_department', '监管部门 / Supervision department'], ['enterprise', '企业 / Enterprise']] },
      { name: 'scope', zh: '范围', en: 'Scope', required: true, hint: '市或县代码、机构编号或信用代码；全省性单位为 320000 / a city or county code, an id or credit code; 320000 for province-wide offices' },
      { name: 'name', zh: '姓名', en: 'Name', required: true },
      { name: 'email', zh: '邮箱', en: 'E-mail', type: 'email', required: true },
      { name: 'language', zh: '通知语言', en: 'Language', type: 'select', options: [['zh', '中文 / Chinese'], ['en', '英文 / English']] },
      { name: 'active', zh: '接收通知', en: 'Receives notices', ...YES_NO, default: true },
    ],
    columns: [['role', '角色 / Role'], ['scope', '范围 / Scope'], ['name', '姓名 / Name'], ['email', '邮箱 / E-mail'], ['language', '语言 / Language'], ['active', '接收 / Active']],
  },
};

/** The kinds a role may open: those it lists. */
export function kindsFor(role) {
  return Object.entries(directoryKinds).filter(([, k]) => k.listers.includes(role));
}
