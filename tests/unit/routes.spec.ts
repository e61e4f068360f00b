import { describe, expect, it } from 'vitest';
import { href, parseHash, section } from '../../src/app/routes.ts';

describe('hash routes', () => {
  it.each([
    ['', { name: 'home' }],
    ['#/', { name: 'home' }],
    ['#/lessons', { name: 'lessons' }],
    ['#/lessons/process', { name: 'lesson', id: 'process', part: null }],
    ['#/lessons/process/payment-flow', { name: 'lesson', id: 'process', part: 'payment-flow' }],
    ['#/flows', { name: 'flows' }],
    ['#/flows/payment', { name: 'flow', id: 'payment', step: null }],
    ['#/flows/payment/verify', { name: 'flow', id: 'payment', step: 'verify' }],
    ['#/market/', { name: 'market', scenario: null, query: '' }],
    [
      '#/market/c2c-secondhand?s=3&p=abc',
      { name: 'market', scenario: 'c2c-secondhand', query: 's=3&p=abc' },
    ],
    ['#/quiz', { name: 'quiz' }],
    ['#/authoring', { name: 'authoring' }],
    ['#/progress', { name: 'progress' }],
    ['#/nowhere', { name: 'notFound', path: '/nowhere' }],
    ['#/progress/extra', { name: 'notFound', path: '/progress/extra' }],
    ['#/classroom/join?code=123456', { name: 'classroom', view: 'join', query: 'code=123456' }],
    ['#/classroom/host?key=abc', { name: 'classroom', view: 'host', query: 'key=abc' }],
    ['#/classroom', { name: 'notFound', path: '/classroom' }],
    ['#/classroom/admin', { name: 'notFound', path: '/classroom/admin' }],
  ])('%s', (hash, route) => {
    expect(parseHash(hash)).toEqual(route);
  });

  it('every route has a link that leads back to it', () => {
    for (const hash of [
      '#/',
      '#/lessons',
      '#/lessons/models/b2c',
      '#/progress',
      '#/flows',
      '#/flows/payment/verify',
      '#/classroom/join?code=123456',
      '#/classroom/host?key=abc',
    ]) {
      expect(href(parseHash(hash))).toBe(hash);
    }
  });

  it.each(['#/quiz/%', '#/lessons/%E0%A4%A', '#/%', '#/flows/%zz/step', '#/open?url=%'])(
    'a malformed address (%s) still gives a page, never an exception',
    (hash) => {
      expect(() => parseHash(hash)).not.toThrow();
      expect(parseHash(hash).name).toMatch(/^(practice|lesson|notFound|flow|open)$/);
    },
  );

  it('a lesson belongs to the Lessons navigation entry', () => {
    expect(section(parseHash('#/lessons/models'))).toBe('lessons');
  });
});
