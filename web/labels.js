// Names people read, Chinese first with English beside it.

export const roleNames = {
  provincial_office: ['省质委办', 'Provincial quality office'],
  member_unit: ['成员单位', 'Member unit'],
  city_office: ['市质委办', 'City office'],
  county_office: ['县质委办', 'County office'],
  expert: ['评审专家', 'Expert'],
  standardization_institute: ['标准化研究机构', 'Standardization institute'],
  alliance_secretariat: ['联盟秘书处', 'Alliance secretariat'],
  standardization_office: ['省标准化管理部门', 'Standardization Management Office'],
  certification_body: ['认证机构', 'Certification body'],
  enterprise: ['企业', 'Enterprise'],
  supervision_department: ['监管部门', 'Supervision department'],
  public: ['公众', 'Public'],
};

export const stageNames = {
  SUBMITTED: ['已提交', 'Submitted'],
  COUNTY_CHECK: ['县级初审', 'County check'],
  CITY_REVIEW: ['市级审核', 'City review'],
  CORRECTION: ['补正材料', 'Correcting materials'],
  COMPREHENSIVE_REVIEW: ['综合评审', 'Comprehensive review'],
  EXPERT_REVIEW: ['专家比对论证', 'Expert review'],
  STANDARD_EVALUATION: ['标准先进性评价', 'Standard evaluation'],
  CHOOSING_CERTIFICATION_BODY: ['选择认证机构', 'Choosing a certification body'],
  CERTIFICATION: ['认证', 'Certification'],
  AWAITING_PUBLICITY: ['等待公示', 'Awaiting publicity'],
  PUBLICITY: ['公示', 'Publicity'],
  ANNOUNCEMENT: ['公告', 'Announcement'],
  ANNOUNCED: ['已公告', 'Announced'],
  CLOSED: ['已结束', 'Closed'],
};

export const outcomeNames = {
  ANNOUNCED: ['已公告为江苏精品', 'Announced as Jiangsu Quality'],
  INELIGIBLE: ['不符合申报条件', 'Ineligible'],
  WITHDRAWN_INCOMPLETE: ['材料未补正，视为撤回', 'Withdrawn: materials not corrected'],
  NOT_RECOMMENDED: ['未获推荐', 'Not recommended'],
  NOT_SELECTED: ['未入选', 'Not selected'],
  STANDARD_NOT_ADVANCED: ['标准先进性不足', 'Standard not advanced'],
  STANDARD_NOT_COMPLIANT: ['标准不合法或不合规', 'Standard not lawful or not compliant'],
  NOT_PROPOSED: ['未列入拟公示名单', 'Not on the proposed list'],
  NOT_CERTIFIED: ['未通过认证', 'Not certified'],
  CREDIT_REJECTED: ['信用不符', 'Rejected on credit'],
  REMOVED_AFTER_OBJECTION: ['因异议成立而移除', 'Removed after an objection'],
  WITHDRAWN: ['已撤回', 'Withdrawn'],
};

/** A credit consultation's result (overall or one source's), or the office's decision on it. */
export const creditNames = {
  CLEAN: ['良好', 'clean'],
  HIT: ['有失信记录', 'a record against it'],
  NEEDS_EXPLANATION: ['需说明', 'to be explained'],
  NOT_CONSULTED: ['无记录', 'nothing on record'],
  CLEARED: ['经信用会商予以通过', 'cleared by the office'],
  REJECTED: ['经信用会商不予通过', 'rejected by the office'],
};

/** The credit adapters that answer a consultation (platform/credit/), by the name they record. */
export const creditAdapterNames = {
  'credit-records': ['省质委办录入或导入的信用记录', 'the credit records the office enters or imports'],
};

/** A member unit's answer in the comprehensive review. */
export const memberOpinionNames = {
  AGREED: ['同意', 'agrees'],
  OBJECTED: ['不同意', 'objects'],
  NO_REPLY: ['逾期未回复', 'no reply by the deadline'],
};

export const categoryNames = {
  AGRICULTURE: ['农业', 'Agriculture'],
  MANUFACTURING: ['制造业', 'Manufacturing'],
  SERVICE: ['服务业', 'Services'],
};

/** A pair as text: "中文 / English"; an unknown code is shown as it is. */
export function both(pair, code) {
  return pair ? `${pair[0]} / ${pair[1]}` : code;
}

/** Appends "中文" and a smaller English line to an element. */
export function bilingual(element, zh, en) {
  element.append(zh);
  const span = document.createElement('span');
  span.className = 'en';
  span.lang = 'en';
  span.textContent = en;
  element.append(' ', span);
  return element;
}

/** What each audit entry's action means (workers and routes name them `subject.event`). */
export const actionNames = {
  'declaration.submitted': ['提交申报', 'Declaration submitted'],
  'declaration.withdrawn': ['撤回申报', 'Declaration withdrawn'],
  'declaration.closed': ['案件结束', 'Case closed'],
  'attachment.uploaded': ['上传附件', 'Attachment uploaded'],
  'eligibility.eligible': ['资格审查通过', 'Eligible'],
  'eligibility.eligible_pending_review': ['资格审查通过，待人工复核', 'Eligible, pending review'],
  'eligibility.ineligible': ['不符合申报条件', 'Ineligible'],
  'county.recommended': ['县级初审通过', 'County check passed'],
  'county.not_recommended': ['县级初审未通过', 'County check not passed'],
  'city.recommended': ['市级推荐', 'Recommended by the city'],
  'city.not_recommended': ['市级未推荐', 'Not recommended by the city'],
  'key_list.decided': ['重点培育名单已定', 'Key-cultivation list decided'],
  'panel.drawn': ['抽取评审专家', 'Expert panel drawn'],
  'scores.submitted': ['专家评分', 'Experts scored'],
  'standard.advanced': ['标准先进', 'Standard advanced'],
  'standard.comparable': ['标准相当', 'Standard comparable'],
  'standard.not_advanced': ['标准先进性不足', 'Standard not advanced'],
  'certification.body_assigned': ['确定认证机构', 'Certification body assigned'],
  'certification.certified': ['通过认证', 'Certified'],
  'certification.not_certified': ['未通过认证', 'Not certified'],
  'certification.handed_over': ['认证移交', 'Certification handed over'],
  'certification_body.suspended': ['认证机构暂停', 'Certification body suspended'],
  'cnca_report.reported': ['已报送认监委', 'Reported to CNCA'],
  'cnca_report.reported_late': ['逾期报送认监委', 'Reported to CNCA late'],
  'cnca_report.escalated': ['认监委报送逾期上报', 'CNCA report escalated'],
  'credit.consulted': ['信用查询', 'Credit consulted'],
  'credit.cleared': ['信用无异常', 'Credit cleared'],
  'credit.rejected': ['信用不符', 'Rejected on credit'],
  'publicity.started': ['开始公示', 'Publicity started'],
  'publicity.ended': ['公示结束', 'Publicity ended'],
  'objection.filed': ['收到异议', 'Objection filed'],
  'objection.upheld': ['异议成立', 'Objection upheld'],
  'objection.dismissed': ['异议不成立', 'Objection dismissed'],
  // The incident desk's fixes, in the case's trail.
  'incident.variables-edited': ['流程事件：修改变量', 'Incident: variables edited'],
  'incident.retried': ['流程事件：重试', 'Incident: retried'],
  'incident.resolved': ['流程事件：标记已解决', 'Incident: resolved'],
  'incident.instance-cancelled': ['流程事件：取消案件', 'Incident: case cancelled'],
  'list.announced': ['名单公告', 'List announced'],
  'certificate.issued': ['颁发证书', 'Certificate issued'],
  'certificate.renewed': ['证书换发', 'Certificate renewed'],
  'certificate.expired': ['证书到期', 'Certificate expired'],
};
