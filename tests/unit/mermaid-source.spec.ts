import { describe, expect, it } from 'vitest';
import {
  diagramText,
  participantId,
  sequenceDiagram,
} from '../../src/features/flows/mermaid-source.ts';

describe('the generated sequence diagram', () => {
  const roles = [
    { id: 'user', name: '用户' },
    { id: 'platform', name: '电商平台' },
  ];

  it('has one participant per role and one message per step, numbered', () => {
    expect(
      sequenceDiagram(roles, [
        { from: 'user', to: 'platform', text: '注册并登录' },
        { from: 'platform', to: 'platform', text: '校验' },
      ]),
    ).toBe(
      'sequenceDiagram\n  autonumber\n  participant r0 as 用户\n  participant r1 as 电商平台\n  r0->>r1: 注册并登录\n  r1->>r1: 校验\n',
    );
    expect(participantId(roles, 'platform')).toBe('r1');
  });

  it('numbers each message by its step on the usual path; a branch message has no number', () => {
    // Checkout (4), a failed attempt (a branch), then paying (still step 5 of the usual path).
    const lines = sequenceDiagram(roles, [
      { from: 'user', to: 'platform', text: '提交订单', number: 4 },
      { from: 'user', to: 'platform', text: '（支线）付款未成功', number: null },
      { from: 'user', to: 'platform', text: '付款', number: 5 },
    ])
      .trimEnd()
      .split('\n');
    expect(lines).not.toContain('  autonumber');
    expect(lines.slice(3)).toEqual([
      '  autonumber 4',
      '  r0->>r1: 提交订单',
      '  autonumber off',
      '  r0->>r1: （支线）付款未成功',
      '  autonumber 5',
      '  r0->>r1: 付款',
    ]);
  });

  it('cannot be broken out of by the text: no new statements, directives or HTML', () => {
    const hostile =
      'a;\nr0->>r1: injected\n%%{init: {"securityLevel":"loose"}}%%<img src=x onerror=alert(1)>#35;';
    const source = sequenceDiagram(roles, [{ from: 'user', to: 'platform', text: hostile }]);
    expect(source.trimEnd().split('\n')).toHaveLength(5);
    const message = source.trimEnd().split('\n').at(-1)!.split('r0->>r1: ')[1];
    expect(message).not.toMatch(/[<>;#%{}]/);
    expect(diagramText('  x\r\ny  ')).toBe('x y');
  });

  it('never asks mermaid for maths: $$…$$ stays text (KaTeX is not in the offline cache)', () => {
    expect(diagramText('pay $$x^2$$ now')).toBe('pay ＄＄x^2＄＄ now');
    expect(diagramText('pay $$x^2$$ now')).not.toContain('$');
  });

  it('refuses a message between unknown roles', () => {
    expect(() => sequenceDiagram(roles, [{ from: 'user', to: 'bank', text: 'x' }])).toThrow(
      RangeError,
    );
  });
});
