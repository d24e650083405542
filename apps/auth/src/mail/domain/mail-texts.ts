import { MailKind } from '@mindhill/contracts';

export type MailContent = { subject: string; text: string };

// The account mails: a link and how long it works.
export function accountMail(kind: Exclude<MailKind, 'run-failed'>, link: string, lifetime: string): MailContent {
  if (kind === 'password-reset') {
    return {
      subject: 'Reset your Mind Hillmetric password',
      text: [
        'Someone asked to reset the password of your Mind Hillmetric account.',
        `To choose a new password, open this link within ${lifetime}:`,
        link,
        'If it was not you, ignore this message: your password stays as it is.',
      ].join('\n\n'),
    };
  }
  return {
    subject: 'Confirm your e-mail address for Mind Hillmetric',
    text: ['Welcome to Mind Hillmetric.', `Confirm your e-mail address by opening this link within ${lifetime}:`, link].join('\n\n'),
  };
}

export type RunEnd = {
  workflowNumber: number;
  runNumber: number;
  executionId: string;
  status: 'Failed' | 'Timeout';
  errorCode: string | null;
  errorMessage: string | null;
  completedAt: string;
};

// The notice to a workflow's owner that one of its runs failed or timed out.
export function runFailedMail(run: RunEnd, link: string): MailContent {
  const what = run.status === 'Timeout' ? 'timed out' : 'failed';
  return {
    subject: `Workflow #${run.workflowNumber}: run #${run.runNumber} ${what}`,
    text: [
      `Run #${run.runNumber} of your workflow #${run.workflowNumber} ${what} at ${run.completedAt}.`,
      run.errorCode ? `Error: ${run.errorCode}${run.errorMessage ? ` (${run.errorMessage.slice(0, 500)})` : ''}` : null,
      `The run: ${link}`,
      'You get this mail because e-mail notifications are on (setting enable_email_notifications).',
    ]
      .filter((line): line is string => line !== null)
      .join('\n\n'),
  };
}
