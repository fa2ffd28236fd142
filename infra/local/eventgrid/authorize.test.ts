import { AzureKeyCredential, generateSharedAccessSignature } from '@azure/eventgrid';
import { describe, expect, it } from 'vitest';
import { isAuthorized } from './authorize.js';

const KEY = Buffer.from('local-topic-key-for-tests').toString('base64');
const ENDPOINT = 'http://127.0.0.1:7071/runtime/eventgrid/topics/newsdesk/api/events';

describe('isAuthorized', () => {
  it('accepts the exact key in aeg-sas-key and nothing else', () => {
    expect(isAuthorized({ 'aeg-sas-key': KEY }, KEY)).toBe(true);
    expect(isAuthorized({ 'aeg-sas-key': `${KEY}x` }, KEY)).toBe(false);
    expect(isAuthorized({ 'aeg-sas-key': '' }, KEY)).toBe(false);
    expect(isAuthorized({}, KEY)).toBe(false);
  });

  it('accepts a token signed by the SDK with the key until it expires', async () => {
    const expires = new Date(Date.now() + 60 * 60_000);
    const token = await generateSharedAccessSignature(ENDPOINT, new AzureKeyCredential(KEY), expires);
    expect(isAuthorized({ 'aeg-sas-token': token }, KEY)).toBe(true);
    expect(isAuthorized({ 'aeg-sas-token': token }, KEY, expires.getTime() + 1_000)).toBe(false);
  });

  it('refuses a token signed with another key or tampered with', async () => {
    const expires = new Date(Date.now() + 60 * 60_000);
    const other = await generateSharedAccessSignature(ENDPOINT, new AzureKeyCredential(Buffer.from('other').toString('base64')), expires);
    expect(isAuthorized({ 'aeg-sas-token': other }, KEY)).toBe(false);
    const good = await generateSharedAccessSignature(ENDPOINT, new AzureKeyCredential(KEY), expires);
    const later = good.replace(/e=[^&]+/, `e=${encodeURIComponent('1/1/2999 12:00:00 PM')}`);
    expect(isAuthorized({ 'aeg-sas-token': later }, KEY)).toBe(false);
    expect(isAuthorized({ 'aeg-sas-token': 'garbage' }, KEY)).toBe(false);
  });
});
