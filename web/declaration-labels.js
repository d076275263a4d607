// The names on the declaration form (Attachment 1, 申报书), Chinese first with English beside it.
// The codes are the eligibility input's (docs/eligibility-input.schema.json).

export const entityTypeNames = {
  AGRI_LEADING_ENTERPRISE: ['农业产业化龙头企业', 'Leading agricultural enterprise'],
  FARMER_COOPERATIVE: ['农民专业合作社', 'Farmer cooperative'],
  INDUSTRY_LEADER: ['行业领军企业', 'Industry leader'],
  LITTLE_GIANT: ['专精特新“小巨人”企业', 'Little giant'],
  SINGLE_CHAMPION: ['制造业单项冠军企业', 'Single champion'],
  SERVICE_ENTERPRISE: ['服务业企业', 'Service enterprise'],
  REGIONAL_COMPREHENSIVE_SERVICE_INSTITUTION: ['区域综合服务机构', 'Regional comprehensive service institution'],
  OTHER: ['其他', 'Other'],
};

export const littleGiantLevelNames = {
  MUNICIPAL: ['市级', 'Municipal'],
  PROVINCIAL: ['省级', 'Provincial'],
  NATIONAL: ['国家级', 'National'],
};

export const productClassNames = {
  CONSUMER_GOODS: ['消费品', 'Consumer goods'],
  PRODUCER_GOODS: ['生产资料', 'Producer goods'],
};

export const subIndustryNames = {
  PLANTING: ['种植业', 'Planting'],
  FORESTRY: ['林业', 'Forestry'],
  LIVESTOCK: ['畜牧业', 'Livestock'],
  FISHERY: ['渔业', 'Fishery'],
  FACTORY_AGRICULTURE: ['工厂化农业', 'Factory agriculture'],
};

export const standardKindNames = {
  NATIONAL: ['国家标准', 'National standard'],
  INDUSTRY: ['行业标准', 'Industry standard'],
  LOCAL: ['地方标准', 'Local standard'],
  GROUP: ['团体标准', 'Group standard'],
  ENTERPRISE: ['企业标准', 'Enterprise standard'],
};

export const evidenceNames = {
  ATTACHMENT_1_DECLARATION_FORM: ['附件1 申报书', 'Attachment 1: declaration form'],
  ATTACHMENT_2_STANDARDS_TABLE_WITH_COMPARISON: ['附件2 标准对比表', 'Attachment 2: standards comparison table'],
  ATTACHMENT_3_COMMITMENT_LETTER: ['附件3 申报承诺书', 'Attachment 3: commitment letter'],
  ENTERPRISE_STANDARD_DISCLOSURE: ['企业标准自我声明公开', 'Enterprise standard disclosure'],
  BUSINESS_LICENCE: ['营业执照', 'Business licence'],
  TRADEMARK_REGISTRATION: ['商标注册证', 'Trademark registration'],
  GEOGRAPHICAL_INDICATION_PROOF: ['地理标志证明', 'Geographical indication proof'],
  LITTLE_GIANT_RECOGNITION: ['“小巨人”认定文件', 'Little-giant recognition'],
  LEADING_TECHNOLOGY_PROOF: ['技术领先证明', 'Leading technology proof'],
  SINGLE_CHAMPION_RECOGNITION: ['单项冠军认定文件', 'Single-champion recognition'],
  MARKET_SHARE_PROOF: ['市场占有率证明', 'Market share proof'],
  SERVICE_MARKET_RANKING_PROOF: ['服务市场排名证明', 'Service market ranking proof'],
  PROVINCIAL_PROFIT_TAX_RANKING_PROOF: ['全省利税排名证明', 'Provincial profit and tax ranking proof'],
  STANDARD_DRAFTING_PROOF: ['标准起草证明', 'Standard drafting proof'],
  STANDARDISATION_PILOT_DESIGNATION: ['标准化试点示范文件', 'Standardisation pilot designation'],
  AGRI_EXTENSION_DESIGNATION: ['农技推广单位文件', 'Agricultural extension designation'],
  TIME_HONOURED_CERTIFICATE: ['老字号证书', 'Time-honoured brand certificate'],
  PRIOR_YEAR_RECORD: ['上一年度记录', 'Prior year record'],
  INDUSTRY_CLASSIFICATION: ['行业分类证明', 'Industry classification'],
  AUDITED_FINANCIAL_REPORT: ['经审计财务报告', 'Audited financial report'],
  FINANCIAL_STATEMENTS: ['财务报表', 'Financial statements'],
};

export const contentTypeNames = {
  'application/pdf': 'PDF',
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
};

/** "20 MB" from bytes, as people read file sizes. */
export function fileSize(bytes) {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} B`;
}
