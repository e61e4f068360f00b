/**
 * The lessons teach every point of the chapter outline (shared seed OUTLINE.md), in its order and
 * with the source's own terms. Each row names a part and the words it must contain in Chinese,
 * and the point ids it must list, in order.
 */
import { describe, expect, it } from 'vitest';
import { collectFiles, validateFiles } from '../../src/content/node.ts';
import type { Lesson } from '../../src/content/schema.ts';

const lessons = validateFiles(collectFiles(['lessons']))
  .files.map((f) => (f.content?.kind === 'lesson' ? f.content.data : undefined))
  .filter((l): l is Lesson => l !== undefined);

const OUTLINE: [section: string, part: string, zhTerms: string[], points: string[]][] = [
  [
    'process',
    'transaction-flow',
    [
      '用户注册与登录',
      '浏览商品',
      '商品详情',
      '价格',
      '库存',
      '加入购物车',
      '下单结算',
      '规格',
      '收货地址',
      '支付方式',
      '已支付',
      '收货与评价',
      '晒单',
    ],
    [
      'register-login',
      'browse-products',
      'add-to-cart',
      'checkout',
      'make-payment',
      'receive-review',
    ],
  ],
  [
    'process',
    'payment-flow',
    [
      '选择支付方式',
      '支付宝',
      '微信支付',
      '跳转支付页面',
      '订单信息',
      '支付金额',
      '支付密码',
      '指纹',
      '支付成功提示',
      '支付状态更新',
      '已支付',
      '通知商家发货',
    ],
    [
      'choose-payment-method',
      'payment-page',
      'payment-verification',
      'payment-success-notice',
      'payment-status-update',
    ],
  ],
  [
    'process',
    'logistics-flow',
    [
      '商家发货',
      '打包',
      '物流公司接单',
      '揽收',
      '在途运输',
      '陆运',
      '空运',
      '海运',
      '物流信息更新',
      '派件与签收',
      '签收',
    ],
    ['merchant-ships', 'carrier-pickup', 'in-transit', 'tracking-update', 'delivery-signoff'],
  ],
  [
    'models',
    'b2b',
    [
      '企业与企业',
      '原材料',
      '零部件',
      '半成品',
      '大型企业',
      '降低交易成本',
      '提高交易效率',
      '扩大市场规模',
    ],
    ['b2b-definition', 'b2b-benefits'],
  ],
  [
    'models',
    'b2c',
    ['企业与消费者', '个人或家庭', '降低销售成本', '提高销售效率', '个性化', '物流配送'],
    ['b2c-definition', 'b2c-benefits'],
  ],
  [
    'models',
    'c2c',
    ['消费者之间', '二手', '闲置', '自由、便捷', '降低交易成本', '担保交易'],
    ['c2c-definition', 'c2c-benefits'],
  ],
  [
    'models',
    'o2o',
    ['线上', '线下', '预订', '支付', '体验', '消费', '个性化', '目标客户'],
    ['o2o-definition', 'o2o-benefits'],
  ],
  [
    'platforms',
    'platform-overview',
    [
      '买家和卖家',
      '展示',
      '交易',
      '支付',
      '物流配送',
      '降低交易成本',
      '提高交易效率',
      '扩大市场范围',
    ],
    ['platform-definition', 'platform-functions', 'platform-value'],
  ],
  [
    'platforms',
    'platform-types',
    ['阿里巴巴', '京东', '天猫', '淘宝', '美团', '饿了么'],
    ['b2b-platforms', 'b2c-platforms', 'c2c-platforms', 'o2o-platforms'],
  ],
  [
    'platforms',
    'operating-models',
    ['平台型', '入驻', '自营型', '采购', '混合型'],
    ['marketplace-model', 'self-operated-model', 'hybrid-model'],
  ],
  [
    'security-law',
    'security-issues',
    ['数据隐私保护', '支付安全', '欺诈', '网络安全防护', '病毒', '物流安全', '被盗', '损坏'],
    ['data-privacy', 'payment-security', 'network-security', 'logistics-security'],
  ],
  [
    'security-law',
    'legal-issues',
    ['电子合同', '法律效力', '消费者权益保护', '知识产权保护', '侵权', '税收征管', '税收流失'],
    ['e-contract', 'consumer-rights', 'intellectual-property', 'tax-administration'],
  ],
  [
    'security-law',
    'solutions',
    ['加强立法', '行业自律', '技术创新', '消费者教育', '自我保护'],
    ['legislation', 'self-regulation', 'tech-innovation', 'consumer-education'],
  ],
];

describe('the lessons follow the chapter outline', () => {
  it('has the four sections in the chapter order', () => {
    expect(lessons.map((l) => [l.order, l.id, l.title.zh])).toEqual([
      [1, 'process', '电子商务流程'],
      [2, 'models', '电子商务运作模式'],
      [3, 'platforms', '电子商务平台'],
      [4, 'security-law', '电子商务安全与法律问题'],
    ]);
  });

  it.each(OUTLINE)(
    '%s / %s teaches its points with the source terms',
    (sectionId, partId, terms, points) => {
      const part = lessons.find((l) => l.id === sectionId)?.parts.find((p) => p.id === partId);
      expect(part, `${sectionId}/${partId}`).toBeDefined();
      if (!part) return;
      const missing = terms.filter((term) => !part.body.zh.includes(term));
      expect(missing, 'terms missing from the Chinese text').toEqual([]);
      expect(part.points.map((p) => p.id)).toEqual(points);
      expect(part.body.en.length).toBeGreaterThan(part.body.zh.length * 0.8);
    },
  );

  it('parts come in the outline order', () => {
    const order = OUTLINE.map(([s, p]) => `${s}/${p}`);
    const actual = lessons
      .flatMap((l) => l.parts.map((p) => `${l.id}/${p.id}`))
      .filter((x) => order.includes(x));
    expect(actual).toEqual(order);
  });
});

describe('every “Think about it” question has an answer', () => {
  const parts = lessons.flatMap((l) => l.parts.map((p) => ({ where: `${l.id}/${p.id}`, part: p })));

  it('every part closes with a question and its answer, in Chinese and in English', () => {
    const missing = parts
      .filter(({ part }) => {
        const think = part.think;
        if (!think) return true;
        return [think.prompt.zh, think.prompt.en, think.answer.zh, think.answer.en].some(
          (text) => text.trim() === '',
        );
      })
      .map(({ where }) => where);
    expect(missing).toEqual([]);
    expect(parts).toHaveLength(14);
  });

  it("no question is left in a lesson's text without its answer", () => {
    const left = parts
      .filter(({ part }) => /想一想|think about it/i.test(`${part.body.zh}\n${part.body.en}`))
      .map(({ where }) => where);
    expect(left).toEqual([]);
  });

  it('each answer is written out in both languages, not a line or a copy', () => {
    for (const { where, part } of parts) {
      const { zh, en } = part.think!.answer;
      // An answer a student can learn from: a few sentences, in its own language.
      expect(zh.length, where).toBeGreaterThan(80);
      expect(en.length, where).toBeGreaterThan(zh.length * 0.8);
      expect(/[\p{Script=Han}]/u.test(zh), where).toBe(true);
      // English answers keep only the Chinese terms they name in brackets, never a whole sentence.
      expect(en.match(/[\p{Script=Han}]{16,}/u), where).toBeNull();
      expect(part.think!.prompt.en, where).not.toMatch(/^think about it/i);
      expect(part.think!.prompt.zh, where).not.toMatch(/^想一想/);
    }
  });
});
