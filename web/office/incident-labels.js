// What the engine's incident codes mean, Chinese first (the error types are Camunda's).

export const errorTypeNames = {
  JOB_NO_RETRIES: ['作业重试次数用尽', 'The job used up its retries'],
  EXTRACT_VALUE_ERROR: ['表达式或变量映射求值失败', 'An expression or mapping failed'],
  CONDITION_ERROR: ['网关条件求值失败', 'A gateway condition failed'],
  IO_MAPPING_ERROR: ['输入输出映射失败', 'An input or output mapping failed'],
  UNHANDLED_ERROR_EVENT: ['BPMN 错误未被捕获', 'A BPMN error nothing catches'],
  CALLED_ELEMENT_ERROR: ['被调用的流程出错', 'The called process failed'],
  CALLED_DECISION_ERROR: ['被调用的决策出错', 'The called decision failed'],
  MESSAGE_SIZE_EXCEEDED: ['消息过大', 'A message is too large'],
  UNKNOWN: ['未知错误', 'Unknown error'],
};

export const processNames = {
  declaration: ['申报', 'Declaration'],
  'annual-campaign': ['年度工作', 'Annual campaign'],
  certificate: ['证书', 'Certificate'],
};

export const incidentStates = {
  ACTIVE: ['待处理', 'Active'],
  RESOLVED: ['已解决', 'Resolved'],
};

/** "中文 / English" for a code, or the code itself when it has no name here. */
export function named(table, code) {
  const pair = table[code];
  return pair ? `${pair[0]} / ${pair[1]}` : code;
}
