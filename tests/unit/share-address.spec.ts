import { describe, expect, it } from 'vitest';
import { addressUrl, SCAN_QR_CHARS } from '../../src/features/authoring/share.ts';

const here = { origin: 'https://teach.example', pathname: '/app/' };

describe("a large set's share link made from the file's address", () => {
  it('opens the file from its address, short enough for a QR code that scans', () => {
    const link = addressUrl(' https://school.example/sets/网购安全.yaml ', here);
    expect(link).toBe(
      'https://teach.example/app/#/open?url=https%3A%2F%2Fschool.example%2Fsets%2F%25E7%25BD%2591%25E8%25B4%25AD%25E5%25AE%2589%25E5%2585%25A8.yaml',
    );
    expect(link!.length).toBeLessThan(SCAN_QR_CHARS);
  });

  it('takes web addresses only', () => {
    expect(addressUrl('', here)).toBeNull();
    expect(addressUrl('not an address', here)).toBeNull();
    expect(addressUrl('javascript:alert(1)', here)).toBeNull();
    expect(addressUrl('file:///C:/set.yaml', here)).toBeNull();
  });
});
