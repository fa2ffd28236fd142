import { describe, expect, it } from 'vitest';
import { ClassifierRejected, ClassifierUnavailable } from '../../adapters/classifier/classifier.js';
import { PhotoRejected } from '../image/errors.js';
import { VideoToolFailed } from '../video/errors.js';
import { failureOf } from './failure-reason.js';

describe('failureOf', () => {
  it('fails at once, with the code in the reason, what will fail the same way again', () => {
    expect(failureOf(new PhotoRejected('corrupt', 'jpeg image is damaged'))).toEqual({
      retryable: false,
      reason: 'corrupt: jpeg image is damaged',
    });
    expect(failureOf(new ClassifierRejected(400, 'InvalidImageSize', 'too small'))).toEqual({
      retryable: false,
      reason: 'InvalidImageSize: too small',
    });
  });

  it('retries what may pass later, and anything it does not recognise', () => {
    expect(failureOf(new ClassifierUnavailable('classifier down'))).toEqual({ retryable: true, reason: 'classifier down' });
    expect(failureOf(new Error('ECONNRESET'))).toEqual({ retryable: true, reason: 'ECONNRESET' });
    expect(failureOf('a string')).toEqual({ retryable: true, reason: 'a string' });
  });

  it('says when the job was not tried on its merits: the classifier is down for everyone, or the worker is broken', () => {
    expect(failureOf(new ClassifierUnavailable('circuit open', { outage: true }))).toEqual({
      retryable: true,
      reason: 'circuit open',
      fault: 'outage',
    });
    expect(failureOf(new VideoToolFailed('ffprobe could not be started (EACCES)', true, { workerFault: true }))).toEqual({
      retryable: true,
      reason: 'ffprobe could not be started (EACCES)',
      fault: 'worker',
    });
  });

  it('keeps the reason within what the AnalysisFailed contract takes', () => {
    expect(failureOf(new Error('x'.repeat(5000))).reason).toHaveLength(2000);
  });
});
