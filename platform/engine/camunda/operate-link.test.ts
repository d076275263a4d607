import { describe, expect, it } from 'vitest';
import { operateInstanceUrl } from './operate-link.ts';

describe('operateInstanceUrl', () => {
  it('links an instance to Operate on Camunda, whatever trailing slash the address has', () => {
    expect(operateInstanceUrl({ ENGINE: 'camunda', CAMUNDA_OPERATE_URL: 'http://localhost:8088/operate/' }, '2251799813685249')).toBe('http://localhost:8088/operate/processes/2251799813685249');
    expect(operateInstanceUrl({ ENGINE: 'camunda', CAMUNDA_OPERATE_URL: 'https://ops.jingpin.internal/operate' }, '7')).toBe('https://ops.jingpin.internal/operate/processes/7');
  });

  it('gives no link on the embedded engine or without the address', () => {
    expect(operateInstanceUrl({ ENGINE: 'embedded', CAMUNDA_OPERATE_URL: 'http://localhost:8088/operate' }, '7')).toBeNull();
    expect(operateInstanceUrl({ ENGINE: 'camunda', CAMUNDA_OPERATE_URL: undefined }, '7')).toBeNull();
  });
});
