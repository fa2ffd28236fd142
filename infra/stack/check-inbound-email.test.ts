import { describe, expect, it } from 'vitest';
import { checkInboundEmail } from './check-inbound-email.js';

const mail = {
  from: 'ann@example.com',
  to: 'desk@newsdesk.test',
  subject: 'Photos',
  receivedDateTime: '2024-05-01T10:30:00.000Z',
  internetMessageId: '<abc.123@mail.example.com>',
  attachments: [{ name: 'finish.jpg', contentType: 'image/jpeg', contentBytes: Buffer.from('jpeg').toString('base64') }],
};

describe('checkInboundEmail', () => {
  it('lets a mail that meets the e-mail contract through', () => {
    expect(checkInboundEmail(mail)).toBeUndefined();
  });

  it('refuses a mail with no sender, naming the field', () => {
    expect(checkInboundEmail({ ...mail, from: '' })).toMatch(/^from: /);
  });
});
