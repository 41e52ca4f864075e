import { describe, expect, it } from 'vitest';
import { joinBase, normalizeBase, stripBase, trimBase } from '../../src/app/basePath';

describe('base path', () => {
  it('normalizes DLP_BASE to a leading and trailing slash', () => {
    expect(normalizeBase(undefined)).toBe('/');
    expect(normalizeBase('')).toBe('/');
    expect(normalizeBase('/')).toBe('/');
    expect(normalizeBase('course/dlp')).toBe('/course/dlp/');
    expect(normalizeBase('/course/dlp/')).toBe('/course/dlp/');
    expect(normalizeBase('//course/dlp//')).toBe('/course/dlp/');
    expect(() => normalizeBase('https://example.edu/x/')).toThrow(/path/);
    expect(() => normalizeBase('/a/../b')).toThrow(/path/);
  });

  it('strips the base from a pathname, and only a whole segment of it', () => {
    expect(stripBase('/', '/lesson/xor')).toBe('/lesson/xor');
    expect(stripBase('/', '/')).toBe('/');
    expect(stripBase('/course/dlp/', '/course/dlp/lesson/xor')).toBe('/lesson/xor');
    expect(stripBase('/course/dlp/', '/course/dlp/')).toBe('/');
    expect(stripBase('/course/dlp/', '/course/dlp')).toBe('/');
    expect(stripBase('/course/dlp/', '/course/dlp/embed/xor')).toBe('/embed/xor');
    // a sibling that shares the prefix is not under the base
    expect(stripBase('/course/dlp/', '/course/dlpx/lesson/xor')).toBe('/course/dlpx/lesson/xor');
    expect(stripBase('/course/dlp/', '/lesson/xor')).toBe('/lesson/xor');
  });

  it('joins an app path under the base, and round-trips with stripBase', () => {
    expect(joinBase('/', '/lesson/xor')).toBe('/lesson/xor');
    expect(joinBase('/', '/')).toBe('/');
    expect(joinBase('/course/dlp/', '/lesson/xor')).toBe('/course/dlp/lesson/xor');
    expect(joinBase('/course/dlp/', 'embed/xor')).toBe('/course/dlp/embed/xor');
    expect(joinBase('/course/dlp/', '/')).toBe('/course/dlp/');
    expect(trimBase('/course/dlp/')).toBe('/course/dlp');
    for (const base of ['/', '/course/dlp/', '/a/']) for (const p of ['/', '/lesson/xor', '/embed/mlp-digits']) expect(stripBase(base, joinBase(base, p))).toBe(p);
  });
});
